import { ExitCode } from "../../core/exit-code.js";
import { isSyncError, textOf, type RunAbortedError } from "../../errors.js";
import type { Outcome } from "../../core/outcome.js";
import type { PlanEstimate, PlannedRow } from "../decide/row-requests.js";
import type { FailOn } from "./engine-options.js";
import type { MessageStatusReport } from "./message-status-tally.js";
import { attachText, type Text } from "../../core/text.js";
import { text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";

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

/** The JSON report of SPEC §3 (printed by `--json`, returned by `sync()`). */
export interface SyncReport {
  ok: boolean;
  exitCode: number;
  counts: OutcomeCounts;
  requests: RequestCounts;
  durationMs: number;
  results?: string;
  state?: string;
  /** The errors-only file (rows that ended invalid/duplicate/failed), when this run wrote one. Additive to SPEC §3. */
  errors?: string;
  /** The workbook twin of a results (or plan) CSV: the same rows, to open in Excel pt-BR (additive to SPEC §3). */
  resultsWorkbook?: string;
  /** The workbook twin of the errors CSV (additive to SPEC §3). */
  errorsWorkbook?: string;
  /**
   * Only when the run stopped early: why, and how many rows were never reached (they have no status). `text`, the
   * message as a catalog Text, is not enumerable: the JSON report keeps the shape of SPEC §3.
   */
  error?: { code: string; message: string; readonly text?: Text };
  notReached?: number;
  /** Of `notReached`, the rows that keep their last result from an earlier run in the results (additive to SPEC §3). */
  notReachedKept?: number;
  /** Of `notReached`, rows showing what this run recorded for them before it stopped (additive to SPEC §3). */
  notReachedThisRun?: number;
  /** Rows after `--limit N`: left to a later run, written with their last result (additive to SPEC §3). */
  beyondLimit?: number;
  /** `status`, --retry-failed: rows no run has synced yet, left to `sync` (additive to SPEC §3). */
  notSynced?: number;
  /** The run stopped before ChatGuru answered for any row: the results and errors files were left as they were. */
  resultsKept?: boolean;
  /** Only for --dry-run: what a real run would do, what it would cost and its first rows as they will be sent. */
  plan?: PlanReport;
  /** `status`: the messages it asked ChatGuru about — their statuses now and the rows that changed (additive). */
  messageStatus?: MessageStatusReport;
}

/** The dry run's plan: the counts, plus (additive to SPEC §3) the cost estimate and a preview of the first rows. */
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

export function emptyCounts(): OutcomeCounts {
  return { total: 0, created: 0, updated: 0, unchanged: 0, pending: 0, invalid: 0, duplicate: 0, failed: 0 };
}

export function countOutcome(counts: OutcomeCounts, outcome: Outcome): void {
  counts.total += 1;
  counts[outcome] += 1;
}

/**
 * SPEC §3: 0 = every row created/updated/unchanged/pending; 1 = some row ended with an outcome `failOn` selects —
 * `invalid` (default): invalid, duplicate or failed; `failed`: failed only; `never`: none.
 */
export function exitCodeFor(counts: OutcomeCounts, failOn: FailOn = "invalid"): number {
  const failing =
    failOn === "never" ? 0 : failOn === "failed" ? counts.failed : counts.invalid + counts.duplicate + counts.failed;
  return failing > 0 ? ExitCode.ROW_FAILURES : ExitCode.OK;
}

export interface ReportParts {
  counts: OutcomeCounts;
  plan: PlanReport;
  requests: RequestCounts;
  startedAt: number;
  dryRun: boolean;
  notReached: number;
  /** Of `notReached`, the rows written with their last result from an earlier run. @default 0 */
  notReachedKept?: number;
  /** Of `notReached`, the rows written with a result this run recorded before it stopped. @default 0 */
  notReachedThisRun?: number;
  /** Rows after --limit, passed through with their last result. @default 0 */
  beyondLimit?: number;
  /** Rows a filtering command left to sync because no run synced them yet. @default 0 */
  notSynced?: number;
  /** The results file was left as it was (run-sync.ts keptAsItWas). */
  resultsKept?: boolean;
  /** Where the sink wrote the results. */
  results?: string | undefined;
  statePath?: string | undefined;
  errors?: string | undefined;
  resultsWorkbook?: string | undefined;
  errorsWorkbook?: string | undefined;
  /** The run-level stop (auth, too many failures). */
  runError?: RunAbortedError | undefined;
  /** A failure of the run itself after requests were sent. */
  failure?: unknown;
  /** The caller interrupted the run (SIGINT). */
  interrupted: boolean;
  /** Which row outcomes make the exit code 1. @default "invalid" */
  failOn?: FailOn;
  /** `status`: what ChatGuru answered about the messages asked about. */
  messageStatus?: MessageStatusReport | undefined;
}

/** The report of SPEC §3; the exit code says why a run stopped before its rows say how they went. */
export function buildReport(parts: ReportParts): SyncReport {
  const stopped = stopReason(parts);
  const exitCode = stopped?.exitCode ?? exitCodeFor(parts.counts, parts.failOn);
  return {
    ok: exitCode === ExitCode.OK,
    exitCode,
    counts: parts.counts,
    requests: parts.requests,
    durationMs: Date.now() - parts.startedAt,
    ...(parts.results ? { results: parts.results } : {}),
    ...(parts.statePath ? { state: parts.statePath } : {}),
    ...(parts.errors ? { errors: parts.errors } : {}),
    ...(parts.resultsWorkbook ? { resultsWorkbook: parts.resultsWorkbook } : {}),
    ...(parts.errorsWorkbook ? { errorsWorkbook: parts.errorsWorkbook } : {}),
    ...(stopped ? { error: withText(stopped.error, stopped.text) } : {}),
    ...(parts.notReached > 0 ? { notReached: parts.notReached } : {}),
    ...(parts.notReachedKept ? { notReachedKept: parts.notReachedKept } : {}),
    ...(parts.notReachedThisRun ? { notReachedThisRun: parts.notReachedThisRun } : {}),
    ...(parts.beyondLimit ? { beyondLimit: parts.beyondLimit } : {}),
    ...(parts.notSynced ? { notSynced: parts.notSynced } : {}),
    ...(parts.resultsKept ? { resultsKept: true } : {}),
    ...(parts.dryRun ? { plan: parts.plan } : {}),
    ...(parts.messageStatus ? { messageStatus: parts.messageStatus } : {}),
  };
}

/** The report's error with its Text attached out of sight of JSON.stringify and deep equality. */
function withText(error: { code: string; message: string }, said: Text): NonNullable<SyncReport["error"]> {
  return attachText(error, said);
}

function stopReason(
  parts: ReportParts,
): { exitCode: number; error: { code: string; message: string }; text: Text } | undefined {
  if (parts.runError) {
    return {
      exitCode: ExitCode.ABORTED,
      error: { code: parts.runError.code, message: parts.runError.message },
      text: textOf(parts.runError),
    };
  }
  if (parts.failure !== undefined) {
    // Requests were already sent, so this is not "nothing was sent" (exit 2): the run stopped part-way (exit 3).
    const failure = parts.failure;
    const message = (failure as Error).message ?? String(failure);
    // The results file not replaced at the very end: every row ran, and its message already says what to do.
    const atTheEnd = isSyncError(failure) && failure.context.step === "replace";
    const said = atTheEnd ? textOf(failure) : text("run.stoppedPartWay", { message: textOf(failure) });
    return {
      exitCode: ExitCode.ABORTED,
      error: {
        code: isSyncError(failure) ? failure.code : "INTERNAL",
        message: atTheEnd ? message : english(said),
      },
      text: said,
    };
  }
  if (parts.interrupted) {
    return {
      exitCode: ExitCode.INTERRUPTED,
      error: { code: "INTERRUPTED", message: english(text("run.interruptedFlushed")) },
      text: text("run.interruptedFlushed"),
    };
  }
  return undefined;
}
