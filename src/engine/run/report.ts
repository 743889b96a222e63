import { ExitCode } from "../../core/exit-code.js";
import { isSyncError, textOf, type RunAbortedError } from "../../errors.js";
import type { Outcome } from "../../core/outcome.js";
import type {
  MessageStatusReport,
  OutcomeCounts,
  PlanReport,
  RequestCounts,
  SyncReport,
} from "../shared/sync-report.js";
import type { FailOn } from "./engine-options.js";
import { attachText, type Text } from "../../core/text.js";
import { text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";

export function emptyCounts(): OutcomeCounts {
  return { total: 0, created: 0, updated: 0, unchanged: 0, pending: 0, invalid: 0, duplicate: 0, failed: 0 };
}

export function countOutcome(counts: OutcomeCounts, outcome: Outcome): void {
  counts.total += 1;
  counts[outcome] += 1;
}

/**
 * 0 = every row created/updated/unchanged/pending; 1 = some row ended with an outcome `failOn` selects —
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

/** The run's report; the exit code says why a run stopped before its rows say how they went. */
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
