import type { Text } from "../../core/text.js";

/*
 * What a run reports, in the report `sync()` returns and the events it emits: types only, below every room of the
 * engine, so the rooms that fill them in and the CLI and web app that read them import nothing back.
 */

export interface OutcomeCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  pending: number;
  invalid: number;
  duplicate: number;
  failed: number;
}

export interface RequestCounts {
  total: number;
  retries: number;
  byAction: Record<string, number>;
}

/** The run's report (printed by `--json`, returned by `sync()`); its documented shape only grows, never changes. */
export interface SyncReport {
  ok: boolean;
  exitCode: number;
  counts: OutcomeCounts;
  requests: RequestCounts;
  durationMs: number;
  results?: string;
  state?: string;
  /** The errors-only file (rows that ended invalid/duplicate/failed), when this run wrote one. */
  errors?: string;
  /** The workbook twin of a results (or plan) CSV: the same rows, to open in Excel pt-BR. */
  resultsWorkbook?: string;
  /** The workbook twin of the errors CSV. */
  errorsWorkbook?: string;
  /**
   * Only when the run stopped early: why, and how many rows were never reached (they have no status). `text`, the
   * message as a catalog Text, is not enumerable: the JSON report keeps its documented shape.
   */
  error?: { code: string; message: string; readonly text?: Text };
  notReached?: number;
  /** Of `notReached`, the rows that keep their last result from an earlier run in the results. */
  notReachedKept?: number;
  /** Of `notReached`, rows showing what this run recorded for them before it stopped. */
  notReachedThisRun?: number;
  /** Rows after `--limit N`: left to a later run, written with their last result. */
  beyondLimit?: number;
  /** `status`, --retry-failed: rows no run has synced yet, left to `sync`. */
  notSynced?: number;
  /** The run stopped before ChatGuru answered for any row: the results and errors files were left as they were. */
  resultsKept?: boolean;
  /** Only for --dry-run: what a real run would do, what it would cost and its first rows as they will be sent. */
  plan?: PlanReport;
  /** `status`: the messages it asked ChatGuru about — their statuses now and the rows that changed (additive). */
  messageStatus?: MessageStatusReport;
}

/** The dry run's plan: the counts, plus the cost estimate and a preview of the first rows. */
export interface PlanReport extends PlanCounts {
  estimate?: PlanEstimate;
  preview?: PlannedRow[];
}

export interface PlanCounts {
  /** Rows the state has never seen: upsert probes by update, then creates if needed. */
  new: number;
  /** Rows the state knows whose mapped values changed. */
  changed: number;
  unchanged: number;
  /** Rows whose last run left a chat_add pending or failed. */
  retry: number;
}

/** What a dry run says a real run will cost (requests are paid in time: the rate cap is the bound, see docs/request-strategy.md). */
export interface PlanEstimate {
  /** Requests a real run would send, about (polls and the 9th-digit retry vary). */
  requests: number;
  /** requests ÷ --rate; absent when the rate is uncapped (time then depends on ChatGuru's latency). */
  seconds?: number;
  /** The --rate and --concurrency the estimate assumes. */
  rate?: number;
  concurrency: number;
}

/** One row as a real run would send it: the values after mapping, custom fields by their API name. */
export interface PlannedRow {
  row: number;
  status: string;
  number: string;
  name: string;
  fields: Record<string, string>;
  note?: string;
  dialog_id?: string;
  user_id?: string;
}

/** What `status` learnt of the messages it asked ChatGuru about. */
export interface MessageStatusReport {
  /** Messages and files asked about. */
  checked: number;
  /** Their status now (`sent`, `scheduled`, `failed`…), the last known one when ChatGuru did not answer. */
  byStatus: Record<string, number>;
  /** Lookups ChatGuru did not answer: those keep their last known status. */
  unanswered: number;
  /** Rows whose status moved since the last check, in row order (the first MAX_CHANGES). */
  changed: Array<{ row: number; kind: "message" | "file"; from?: string; to: string }>;
  /** Every change, including those left out of `changed`. */
  changedCount: number;
}

/** One message a dry run shows in full. */
export interface PlannedMessage {
  rowNumber: number;
  chatNumber: string;
  kind: "message" | "file";
  /** The text, or the file url (and caption). */
  text: string;
  sendDate?: string;
}

export interface MessagePlanSummary {
  /** Messages and files a real run would send now (at most --max-messages). */
  wouldSend: number;
  /** Those left for a later run by --max-messages. */
  overCap: number;
  /** The first three, rendered in full. */
  samples: PlannedMessage[];
  /**
   * Of `wouldSend`, those for rows with evidence that an earlier run may have sent them and its journal is gone
   * (follow-ups/hold-rule.ts): a real run holds the ones whose chat already exists. Every one when the journal was lost.
   */
  mayBeHeld: number;
  /** The messages and files that will not go: their send date is in the past (the rest of the row still goes). */
  late: number;
}

/** A row the summary names: its spreadsheet row, the chat's number and what about it (held or uncertain sends). */
export interface ListedRow {
  rowNumber: number;
  number: string;
  what: string[];
}
