import { executeDialog } from "../../chatguru/actions.js";
import type { ChatGuruClient } from "../../chatguru/types.js";
import { isInterruptedError, isRunAbortedError } from "../../errors.js";
import type { RowStatePatch } from "../../state/state-store.js";
import type { ChatTarget } from "../job/chat-target.js";
import type { RowJob } from "../job/row-job.js";
import { isRowFailure } from "../shared/row-failure.js";

/**
 * A dialog sends WhatsApp messages to the contact: twice is worse than not at all. It is journaled as done (`mark`)
 * BEFORE it is sent, so neither a lost answer nor a crash between ChatGuru running it and us hearing back can repeat
 * it. Only a failure that proves nothing was sent (a ChatGuru refusal, a request that never started) takes it back
 * (`unmark`). See docs/at-most-once.md.
 */
export async function runDialogOnce(
  job: RowJob,
  target: ChatTarget,
  marks: { mark: RowStatePatch; unmark: RowStatePatch },
  dialogId: string,
): Promise<void> {
  // Its place is freed by the row's end (run-row.ts) unless ChatGuru ran it: a refusal must stop the run first.
  await job.learners.configGate?.beforeDialog(dialogId, job.draft.key);
  await job.journal({ ...marks.mark, phone: job.draft.phone.canonical });
  if (await sendJournaledDialog(job, target, marks.unmark, dialogId)) job.learners.configGate?.dialogRan(dialogId);
}

/** Sends the dialog already journaled as done; true when ChatGuru ran it, false when that stays uncertain. */
async function sendJournaledDialog(
  job: RowJob,
  target: ChatTarget,
  unmark: RowStatePatch,
  dialogId: string,
): Promise<boolean> {
  try {
    await target.send((client, n) => executeDialogOnce(client, n, dialogId));
  } catch (error) {
    await settleDialogFailure(error, job, unmark);
    return false;
  }
  await job.journal({ dialogStatus: null });
  return true;
}

/**
 * A journaled dialog's request failed. It may have run (a 500/502/504, a timeout or a reset after the request went
 * out): it stays journaled as done, so it never runs again, and as `uncertain`, so the row ends MESSAGE_UNCERTAIN on
 * this run and every later one until a person settles it (settle-by-person.ts); the row's other steps still go. A
 * failure that proves nothing was sent takes the mark back with `unmark` and goes on, as does any other error.
 */
export async function settleDialogFailure(error: unknown, job: RowJob, unmark: RowStatePatch): Promise<void> {
  if (isRowFailure(error, "OUTCOME_UNKNOWN")) {
    await job.journal({ dialogStatus: "uncertain" });
    return;
  }
  if (provesNotSent(error, job)) await job.journal(unmark);
  throw error;
}

/** A refusal, or a request that never started (the run stopped, or was interrupted, before it went out). */
export function provesNotSent(error: unknown, job: RowJob): boolean {
  return isRowFailure(error) || isRunAbortedError(error) || isInterruptedError(error) || job.stoppedBy(error);
}

/** dialog_execute may answer "contexto não foi validado" on a first try; one immediate retry succeeds. */
export async function executeDialogOnce(client: ChatGuruClient, number: string, dialogId: string): Promise<void> {
  try {
    await executeDialog(client, number, dialogId);
  } catch (error) {
    if (!isRowFailure(error, "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED")) throw error;
    await executeDialog(client, number, dialogId);
  }
}
