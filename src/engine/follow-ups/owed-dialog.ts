import { text } from "../../messages/text.js";
import type { RowJob } from "../job/row-job.js";
import { executeDialogOnce, settleDialogFailure } from "./dialog.js";

/**
 * Runs the dialog a deferred add owes its chat (decide/add-shape.ts defersAddDialog), when this journal saw ChatGuru
 * create the chat (`done`). At most once, as every dialog: journaled as sent (and `sending`) BEFORE it leaves, so a
 * crash or a lost answer never runs it twice — the row then says MESSAGE_UNCERTAIN until a person settles it
 * (settle-by-person.ts); only a failure that proves nothing was sent puts it back as owed. Called on every success
 * path, so a run stopped between the add and the dialog leaves it to the next run.
 */
export async function runOwedDialog(job: RowJob, number: string): Promise<void> {
  const state = job.entry;
  if (state?.addDialogOwed !== true || state.addStatus !== "done") return;
  const dialogId = job.draft.chatAdd.dialogId;
  if (dialogId === undefined) {
    await job.journal({ addDialogOwed: null });
    return;
  }
  await job.journal({ addDialogOwed: null, dialogStatus: "sending" });
  try {
    await executeDialogOnce(job.services.follow, number, dialogId);
    await job.journal({ dialogStatus: null });
  } catch (error) {
    await settleDialogFailure(error, job, { addDialogOwed: true, dialogStatus: state.dialogStatus ?? null });
  }
}

/**
 * The chat a deferred add reached is not one this journal saw ChatGuru create (`fetched`, or found by probing after a
 * lost answer): it may have existed, so the new-lead dialog is not owed to it. After a lost answer the chat was most
 * likely made by that add, but nothing proves it is new: the dialog is not run (at most once, never to a chat that
 * existed), and that is said so a person can run it.
 */
export async function dropOwedDialog(job: RowJob, { afterLostAdd }: { afterLostAdd: boolean }): Promise<void> {
  if (job.entry?.addDialogOwed !== true) return;
  await job.journal({ addDialogOwed: null });
  const { draft } = job;
  if (!afterLostAdd || draft.chatAdd.dialogId === undefined) return;
  job.warn(
    text("row.addDialogSkipped", {
      row: draft.rowNumber,
      phone: draft.phone.canonical,
      dialog: draft.chatAdd.dialogId,
    }),
  );
}
