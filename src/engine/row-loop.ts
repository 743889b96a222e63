import { formatProblem } from "../core/format-problem.js";
import type { Sink } from "../sinks/sink.js";
import type { StateStore } from "../state/state-store.js";
import type { Admission } from "./admission.js";
import { known } from "./contact-task.js";
import { decideRow, type DecideOptions, type RowDecision } from "./decide-row.js";
import type { RowPipeline } from "./row-pipeline.js";
import type { RowOutput } from "./row-output.js";
import type { RunFailures } from "./run-failures.js";
import { runRow, type RowRunDeps, type RowToRun } from "./run-row.js";
import type { ScheduledClient } from "./scheduled-client.js";
import type { StopController } from "./stop-controller.js";

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
}

/** read → classify → decide → admit, one row at a time in source order. Returns how many data rows were read. */
export async function readRows(deps: RowLoopDeps): Promise<number> {
  const { pipeline, output, stop, scheduled } = deps;
  const priorOf = (key: string) => deps.state?.get(key);
  let seq = 0;
  for await (const row of pipeline.opened.rows) {
    if (deps.limit !== undefined && seq >= deps.limit) break;
    const rowSeq = seq++;
    if (stop.stopped || scheduled?.fatal) {
      await output.notReachedRow(rowSeq, row);
      continue;
    }
    const verdict = pipeline.classify(row);
    const ident = pipeline.identify(row, verdict);
    const decision = decideRow(verdict, priorOf, deps.decide);
    if (decision.kind === "run")
      await admit({ seq: rowSeq, row, draft: decision.draft, hash: decision.hash, ident }, deps);
    else await record(decision, rowSeq, row, ident, output);
  }
  return seq;
}

/** A row that needs no request: its outcome is known now. */
function record(
  decision: Exclude<RowDecision, { kind: "run" }>,
  seq: number,
  row: RowToRun["row"],
  ident: RowToRun["ident"],
  output: RowOutput,
): void | Promise<void> {
  switch (decision.kind) {
    case "invalid":
    case "duplicate":
      return output.finish(seq, row, decision.kind, ident, decision.error);
    case "filtered": {
      const { prior } = decision;
      return output.skipped(seq, row, prior?.lastOutcome ?? "skipped", {
        ...ident,
        key: decision.draft.key,
        ...known(prior),
        ...(prior?.error ? { error: formatProblem({ code: prior.errorCode, message: prior.error }) } : {}),
      });
    }
    case "unchanged":
      return output.finish(seq, row, "unchanged", { ...ident, key: decision.draft.key, ...known(decision.prior) });
    case "plan":
      output.tally.add(decision.requests, decision.draft, decision.status);
      return output.planned(seq, row, decision.planned, decision.status, { ...ident, key: decision.draft.key });
  }
}

/** Waits for room, then starts the row behind any earlier row with the same phone. */
async function admit(task: RowToRun, deps: RowLoopDeps): Promise<void> {
  const { admission, stop, scheduled, failures, run } = deps;
  await admission.waitForRoom();
  if (stop.stopped || scheduled?.fatal || !run) {
    await deps.output.notReachedRow(task.seq, task.row, { key: task.draft.key });
    return;
  }
  admission.start(
    task.draft.phone.canonical,
    () => runRow(task, run),
    (error) => failures.fromOutput(error),
  );
  failures.fromScheduler(scheduled?.fatal);
}
