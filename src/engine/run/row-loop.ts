import { isChatGuruError } from "../../chatguru/errors.js";
import type { RowResult } from "../../core/row-result.js";
import type { SourceRow } from "../../core/source-row.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowClass } from "../../mapping/row-classifier.js";
import type { Sink } from "../../sinks/sink.js";
import type { RowState, StateStore } from "../../state/state-store.js";
import type { Admission } from "./admission.js";
import { addKnown } from "../job/row-result.js";
import { lastResult } from "../job/last-result.js";
import { decideRow, type DecideOptions, type RowDecision } from "../decide/decide-row.js";
import type { HoldEvidence } from "../follow-ups/hold-evidence.js";
import { refreshMessageStatus } from "../follow-ups/refresh-message-status.js";
import type { MessagePlan } from "../decide/message-plan.js";
import type { MessageStatusTally } from "./message-status-tally.js";
import type { RowPipeline } from "./row-pipeline.js";
import type { RowOutput } from "./row-output.js";
import type { RunFailures } from "./run-failures.js";
import { runRow, type LoopRow, type RowRunDeps, type RowToRun } from "./run-row.js";
import type { SyncEventListener } from "../shared/events.js";
import type { ScheduledClient } from "../transport/scheduled-client.js";
import type { StopController } from "./stop-controller.js";
import { localIsoTimeMemo } from "../../util/local-time.js";

export interface RowLoopDeps {
  pipeline: RowPipeline<Sink>;
  output: RowOutput;
  decide: DecideOptions;
  limit: number | undefined;
  state: StateStore | undefined;
  stop: StopController;
  admission: Admission;
  failures: RunFailures;
  scheduled: ScheduledClient | undefined;
  /** How rows run; absent for a dry run. */
  run: RowRunDeps | undefined;
  onEvent?: SyncEventListener;
  /** Dry run of a mapping with messages: counts and samples what would go out. */
  messagePlan?: MessagePlan;
  /** An errors file fed back: its unfixed duplicates stay duplicates (fed-back-duplicate.ts). */
  fedBack?: ((row: SourceRow, verdict: RowClass) => RowClass) | undefined;
  /** The hold rule's per-row evidence, journaled when a row is first met (hold-evidence.ts). */
  evidence?: HoldEvidence;
  /** status: what ChatGuru answered about the messages it was asked about. */
  statusTally?: MessageStatusTally;
}

/** status: the row is finished, but its message's status may have moved; asked without holding up the reader. */
async function admitRefresh(
  decision: Extract<RowDecision, { kind: "refresh" }>,
  at: LoopRow,
  deps: RowLoopDeps,
): Promise<void> {
  const { admission, run, output, failures } = deps;
  await admission.waitForRoom();
  const write = (prior: RowState) => {
    const last = lastResult(prior);
    return output.skipped(at, last.status ?? "skipped", { ...at.ident, key: decision.draft.key, ...last.extra });
  };
  if (deps.stop.stopped || deps.scheduled?.fatal || !run) return await write(decision.prior);
  admission.start(
    decision.draft.phone.canonical,
    async () => {
      const { state, error } = await refreshMessageStatus(
        { key: decision.draft.key, prior: decision.prior },
        run.context.services.poll,
        run.state,
        (kind, before, after) => deps.statusTally?.add(at.row.rowNumber, kind, before, after),
      );
      // A status ChatGuru cannot give keeps the last one known; a run-level stop (auth…) still stops the run.
      if (error !== undefined && !isChatGuruError(error)) failures.fromRow(error);
      await write(state);
    },
    (error) => failures.fromOutput(error),
  );
}

/** read → classify → decide → admit, one row at a time in source order. Returns how many data rows were read. */
export async function readRows(deps: RowLoopDeps): Promise<number> {
  const { pipeline, output, stop, scheduled } = deps;
  const priorOf = (key: string) => deps.state?.get(key);
  const localTime = localIsoTimeMemo();
  let seq = 0;
  for await (const row of pipeline.opened.rows) {
    const rowSeq = seq++;
    const verdict = deps.fedBack ? deps.fedBack(row, pipeline.classify(row)) : pipeline.classify(row);
    const ident = pipeline.identify(row, verdict);
    const at: LoopRow = { seq: rowSeq, row, ident };
    if (deps.limit !== undefined && rowSeq >= deps.limit) {
      await beyondLimit(verdict.kind === "invalid" ? at : { ...at, ident: { ...ident, key: verdict.draft.key } }, deps);
      continue;
    }
    // Invalid and duplicate rows are known without a request: a stopped run still labels them so (a blank, or the
    // result of the row whose key a duplicate repeats, would be a label this run never earned).
    if ((stop.stopped || scheduled?.fatal) && verdict.kind === "valid") {
      await notReached({ ...at, ident: { ...ident, key: verdict.draft.key } }, deps, verdict.draft);
      continue;
    }
    const decision = decideRow(verdict, priorOf, deps.decide);
    if (decision.kind === "run") {
      await deps.evidence?.markAtFirstSight(row, decision.draft);
      await admit({ ...at, draft: decision.draft, hash: decision.hash }, deps);
    } else if (decision.kind === "refresh") await admitRefresh(decision, at, deps);
    else {
      if (deps.messagePlan) {
        const evidence = decision.kind === "plan" && (await deps.evidence?.shows(row, decision.draft)) === true;
        deps.messagePlan.add(decision, priorOf, evidence);
      }
      // Awaited only when the sink asks to wait: an await per row is a promise and a tick on 100 000 rows.
      const written = record(decision, at, output, localTime);
      if (written) await written;
    }
  }
  return seq;
}

/** A row that needs no request: its outcome is known now. */
function record(
  decision: Exclude<RowDecision, { kind: "run" | "refresh" }>,
  at: LoopRow,
  output: RowOutput,
  localTime: (stamp: string) => string,
): void | Promise<void> {
  const { ident } = at;
  switch (decision.kind) {
    case "invalid":
    case "duplicate":
      return output.finish(at, decision.kind, ident, { error: decision.error });
    case "filtered": {
      const last = lastResult(decision.prior);
      const extra = { ...ident, key: decision.draft.key, ...last.extra };
      if (last.status === undefined) return output.notSyncedRow(at, extra);
      return output.skipped(at, last.status, extra);
    }
    case "unchanged": {
      // The bulk of a scheduled re-run: the row's result built in one object, no spreads or copies.
      const { seq, row } = at;
      const result: RowResult = { seq, rowNumber: row.rowNumber, values: row.values, status: "unchanged" };
      if (decision.prior) addKnown(result, decision.prior, localTime);
      if (ident.keyOrdinal !== undefined) result.keyOrdinal = ident.keyOrdinal;
      result.key = decision.draft.key;
      return output.finishResult("unchanged", result);
    }
    case "plan":
      output.tally.add(decision.requests, decision.draft, decision.status, decision.planned);
      return output.planned(at, decision, { ...ident, key: decision.draft.key });
  }
}

/** Waits for room, then starts the row behind any earlier row with the same phone. */
async function admit(task: RowToRun, deps: RowLoopDeps): Promise<void> {
  const { admission, stop, scheduled, failures, run } = deps;
  await admission.waitForRoom();
  if (stop.stopped || scheduled?.fatal || !run) {
    await notReached({ ...task, ident: { ...task.ident, key: task.draft.key } }, deps, task.draft);
    return;
  }
  deps.onEvent?.({ type: "row-start", seq: task.seq, rowNumber: task.row.rowNumber });
  admission.start(
    task.draft.phone.canonical,
    () => runRow(task, run),
    (error) => failures.fromOutput(error),
  );
  failures.fromScheduler(scheduled?.fatal);
}

/** A row after --limit: it keeps the result the journal has from an earlier run (a dry run's plan shows none). */
function beyondLimit(at: LoopRow, deps: RowLoopDeps) {
  const { ident } = at;
  const last = ident.key !== undefined && !deps.decide.dryRun ? lastResult(deps.state?.get(ident.key)) : { extra: {} };
  return deps.output.beyondLimitRow(at, { ...ident, ...last.extra }, last.status);
}

/**
 * A row the run stopped before: it keeps the result the journal has from an earlier run (none for a new row). Its
 * hold evidence is journaled all the same: the results this run rewrites may no longer carry it.
 */
async function notReached(at: LoopRow, deps: RowLoopDeps, draft?: ContactDraft): Promise<void> {
  const { ident } = at;
  if (draft && !deps.decide.dryRun) await deps.evidence?.markAtFirstSight(at.row, draft).catch(() => undefined);
  const prior = ident.key !== undefined ? deps.state?.get(ident.key) : undefined;
  const last = lastResult(prior);
  await deps.output.notReachedRow(
    at,
    { ...ident, ...last.extra },
    { status: last.status, updatedAt: prior?.updatedAt },
  );
}
