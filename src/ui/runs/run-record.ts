import type { OutcomeCounts } from "../../engine/shared/sync-report.js";
import type { Text } from "../../messages/text.js";
import type { ReadChoice } from "../sources/source-record.js";

export type RunState = "running" | "stopping" | "finished" | "stopped" | "interrupted" | "failed";

/** States a run is still moving in; any other is final. */
export const ACTIVE_STATES: ReadonlySet<RunState> = new Set(["running", "stopping"]);
/** States Continuar picks up from: the journal knows what was done, the rest is done now. */
export const CONTINUABLE_STATES: ReadonlySet<RunState> = new Set(["interrupted", "stopped", "failed"]);

export interface RunProblem {
  row: number;
  outcome: string;
  code?: string;
  /** English, as the library says it (`CODE: message`, the code split off into `code`). */
  message: string;
  /** The same problem as a catalog Text: what the pages say, in their language. */
  text?: Text;
}

/** What `run.json` keeps: enough to show the run in the history, serve its files and continue it after a restart. */
export interface RunRecord {
  id: string;
  state: RunState;
  startedAt: string;
  endedAt?: string;
  /** The server process that runs it: a run left `running` by a dead process was interrupted. */
  pid: number;
  source: { id: string; name: string; kind: "csv" | "xlsx" | "sheets" };
  /** The file the run read (a copy in the run folder, by name) or the sheet's link. */
  input: { file?: string; url?: string };
  chosen: ReadChoice;
  /** The mapping file the run used (absolute: its journal sits beside it), and as the pages show it. */
  mappingPath: string;
  mapping: string;
  /** The results file's status and error columns (the mapping's write_back), and the mapped phone and name columns. */
  columns: { status: string; error: string; phone: string; name?: string };
  options: { retryFailed: boolean; releaseHeld: boolean; rate: number; concurrency: number };
  total: number | null;
  counts: OutcomeCounts & { done: number };
  requests: number;
  rate: number;
  etaSeconds: number | null;
  lastProblems: RunProblem[];
  notices: string[];
  messages?: { sent: number; deferred: number; heldRows: number; maxMessages: number };
  exitCode?: number;
  error?: { code: string; message: string };
  /** File names inside the run folder. */
  files: { results?: string; errors?: string; plan?: string; report?: string };
  resumedFrom?: string;
  continuedBy?: string;
  /** The id of the last event sent for this run (a reconnecting page that has it gets 204). */
  lastEventId: number;
}

/** `Run` of docs/ui-api.md: the record as the pages see it (no server paths). */
export interface RunView {
  id: string;
  state: RunState;
  startedAt: string;
  endedAt?: string;
  source: RunRecord["source"];
  mapping: string;
  options: RunRecord["options"];
  total: number | null;
  counts: RunRecord["counts"];
  requests: number;
  rate: number;
  etaSeconds: number | null;
  lastProblems: RunProblem[];
  notices: string[];
  messages?: RunRecord["messages"];
  exitCode?: number;
  error?: RunRecord["error"];
  files: { results: boolean; errors: boolean; plan: boolean; report: boolean };
  resumedFrom?: string;
  continuedBy?: string;
  canContinue: boolean;
}

export function emptyRunCounts(): RunRecord["counts"] {
  return { done: 0, total: 0, created: 0, updated: 0, unchanged: 0, pending: 0, invalid: 0, duplicate: 0, failed: 0 };
}

export function runView(record: RunRecord): RunView {
  const {
    pid: _pid,
    input: _input,
    chosen: _chosen,
    mappingPath: _path,
    columns: _columns,
    lastEventId: _id,
    ...shown
  } = record;
  return {
    ...shown,
    files: {
      results: record.files.results !== undefined,
      errors: record.files.errors !== undefined,
      plan: record.files.plan !== undefined,
      report: record.files.report !== undefined,
    },
    canContinue: CONTINUABLE_STATES.has(record.state) && record.continuedBy === undefined,
  };
}
