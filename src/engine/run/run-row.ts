import { withoutHint } from "../../messages/hint.js";
import { problemText } from "../../messages/problem.js";
import { text, type Text } from "../../messages/text.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { StateStore } from "../../state/state-store.js";
import { lastResult } from "../job/last-result.js";
import { rowServices } from "../job/row-clients.js";
import type { RowContext } from "../job/row-context.js";
import { RowJob } from "../job/row-job.js";
import { known, type ContactResult } from "../job/row-result.js";
import { syncRow } from "../row/sync-row.js";
import type { RowIdentity } from "./row-pipeline.js";
import type { RowAt, RowOutput } from "./row-output.js";
import type { RunFailures } from "./run-failures.js";

export interface RowRunDeps {
  /** What every row runs with; each row gets its own clients, named for it (job/row-clients.ts). */
  context: RowContext;
  state: StateStore;
  output: RowOutput;
  failures: RunFailures;
}

/** A row as the read loop holds it: its place in the source, the row, and how a key-addressed sink knows it. */
export interface LoopRow extends RowAt {
  ident: RowIdentity;
}

/** A row the loop admitted to run: what it asks ChatGuru to hold and its values hash. */
export interface RowToRun extends LoopRow {
  draft: ContactDraft;
  hash: string;
}

/**
 * One row through ChatGuru, then its outcome recorded. A row problem comes back as a `failed` outcome; a run-level
 * error goes to `failures` and leaves the row `pending` (its add is in ChatGuru's hands) or not reached.
 * Rejects only when recording the outcome failed.
 */
export async function runRow(task: RowToRun, deps: RowRunDeps): Promise<void> {
  const { row, draft, hash, ident } = task;
  let result: ContactResult | undefined;
  try {
    const services = rowServices(deps.context.services, row.rowNumber);
    result = await syncRow(new RowJob(draft, hash, { ...deps.context, services }));
  } catch (error) {
    deps.failures.fromRow(error);
  }
  // The stop comes first: rows waiting on this row's proof then wake to a stopped run and send nothing.
  if (result?.stopsRun) deps.failures.fromConfig(result.stopsRun);
  deps.context.learners.configGate?.rowDone(draft.key, result?.outcome);
  if (result) {
    const words = result.errorText ?? (result.error !== undefined ? text("raw", { text: result.error }) : undefined);
    const message = words ? problemText({ code: result.errorCode, message: words }) : undefined;
    // The run's error gives the advice once on screen; each row in flight that met the same setting (the results
    // file keeps the full text) just says what happened.
    const said =
      words && result.stopsRun ? problemText({ code: result.errorCode, message: withoutHint(words) }) : message;
    const extra = {
      ...ident,
      key: draft.key,
      ...(result.errorCode ? { errorCode: result.errorCode } : {}),
      ...(result.chatNumber ? { chatNumber: result.chatNumber } : {}),
      ...(result.chatAddId ? { chatAddId: result.chatAddId } : {}),
      ...(result.syncedAt ? { syncedAt: result.syncedAt } : {}),
      ...(result.messageId ? { messageId: result.messageId } : {}),
      ...(result.messageStatus ? { messageStatus: result.messageStatus } : {}),
    };
    await deps.output.finish(task, result.outcome, extra, { error: message, said });
    return;
  }
  await stoppedMidRow(task, deps);
}

/**
 * The run stopped while this row was under way. The results say what the journal knows, never a blank for a row whose
 * add ChatGuru has: an add in ChatGuru's hands or finished without its follow-ups is `pending` (with its chat_add_id
 * and number); an add whose answer is still out is `pending` too (the next run checks before adding again). A row
 * with no add in play keeps its last result, as a row never reached does.
 */
async function stoppedMidRow(task: RowToRun, deps: RowRunDeps): Promise<void> {
  const { draft, hash, ident } = task;
  const state = deps.state.get(draft.key);
  const base = { ...ident, key: draft.key, ...known(state) };
  const pending = (message: Text) =>
    deps.output.finish(task, "pending", base, { error: problemText({ code: "INTERRUPTED", message }) });
  switch (state?.addStatus) {
    case "pending":
      if (!state.chatAddId) break;
      await pending(text("row.addInProgress"));
      await deps.state.update(draft.key, { lastOutcome: "pending", pendingHash: hash });
      return;
    case "done":
    case "fetched":
      // pendingHash is set with the add's intent and cleared when its follow-ups succeed: an older add does not count.
      if (state.pendingHash !== hash) break;
      await pending(text("row.addedNotFinished"));
      return;
    case "intent":
    case "uncertain":
      await pending(text("row.stoppedWhileAdding"));
      return;
    default:
      break;
  }
  const last = lastResult(state);
  await deps.output.notReachedRow(
    task,
    { ...base, ...last.extra },
    { status: last.status, updatedAt: state?.updatedAt },
  );
}
