import type { RowStatePatch } from "../../state/state-store.js";
import type { Text } from "../../core/text.js";
import { text } from "../../messages/text.js";
import { SENDS, unsettledSends, type UnsettledSend } from "../decide/unsettled-sends.js";
import type { RowJob } from "../job/row-job.js";

/**
 * What the person decided after checking the chat: `--resolve` = it is there (marked `checked`, nothing sent);
 * `--release-held ROW` naming this row = it is not there (the mark is taken back, so this run sends it once more).
 */
export async function settleByPerson(job: RowJob): Promise<void> {
  const settings = job.followUps;
  if (!settings || !(settings.resolve.any || settings.release.any)) return;
  const { draft } = job;
  const state = job.entry;
  const open = unsettledSends(state);
  if (open.length === 0) return;
  const resolve = settings.resolve.covers(draft.rowNumber);
  if (!resolve && !settings.release.names(draft.rowNumber)) return;
  const patch: RowStatePatch = {};
  for (const send of SENDS) {
    if (!open.some((o) => o.action === send.action)) continue;
    if (resolve) {
      patch[send.status] = "checked";
    } else {
      patch[send.hash] = null;
      patch[send.status] = null;
      if (send.id) patch[send.id] = null;
      // A dialog with no hash was the new-lead dialog a blank add deferred (owed-dialog.ts): owed again.
      if (send.action === "dialog_execute" && state?.dialogHash === undefined && draft.chatAdd.dialogId !== undefined)
        patch.addDialogOwed = true;
    }
  }
  await job.journal(patch);
}

/** The row's MESSAGE_UNCERTAIN text: which sends, what happened, what to check, and the two ways to settle it. */
export function uncertainText(rowNumber: number, number: string, open: UnsettledSend[]): Text {
  const how = open.every((o) => o.status === "sending")
    ? "killed"
    : open.every((o) => o.status === "uncertain")
      ? "lost"
      : "either";
  return text("row.uncertain", { row: rowNumber, number, actions: open.map((o) => o.action), how });
}
