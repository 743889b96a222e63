import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState, RowStatePatch } from "../../state/state-store.js";
import type { ContactContext } from "../job/row-context.js";
import type { Text } from "../../core/text.js";
import { text } from "../../messages/text.js";

/** A send the journal marked before it left and never saw answered. */
export interface UnsettledSend {
  action: "message_send" | "message_file_send" | "dialog_execute";
  /** `sending`: the run was killed (or stopped hard) with the request out; `uncertain`: its answer was lost. */
  status: "sending" | "uncertain";
}

const SENDS = [
  { action: "message_send", status: "messageStatus", hash: "messageHash", id: "messageId" },
  { action: "message_file_send", status: "fileStatus", hash: "fileHash", id: "fileId" },
  { action: "dialog_execute", status: "dialogStatus", hash: "dialogHash", id: undefined },
] as const;

/**
 * The row's sends whose outcome nobody knows (SPEC §2, §4.2): the message may or may not be on the contact's phone.
 * They are never sent again on their own, and the row says so on every run (`failed`, MESSAGE_UNCERTAIN) until a
 * person looks at the chat and says what happened (settleByPerson).
 */
export function unsettledSends(state: RowState | undefined): UnsettledSend[] {
  if (state === undefined) return [];
  const open: UnsettledSend[] = [];
  for (const send of SENDS) {
    const status = state[send.status];
    if (status === "sending" || status === "uncertain") open.push({ action: send.action, status });
  }
  return open;
}

/**
 * The fast form of `unsettledSends(state).length > 0`, for the unchanged path every row of a re-run takes: a row an
 * older release marked unchanged after a kill left its send `sending` must still be reported.
 */
export function hasUnsettledSend(state: RowState): boolean {
  const { messageStatus: m, fileStatus: f, dialogStatus: d } = state;
  return (
    m === "sending" || m === "uncertain" || f === "sending" || f === "uncertain" || d === "sending" || d === "uncertain"
  );
}

/**
 * What the person decided after checking the chat: `--resolve` = it is there (marked `checked`, nothing sent);
 * `--release-held ROW` naming this row = it is not there (the mark is taken back, so this run sends it once more).
 */
export async function settleByPerson(draft: ContactDraft, ctx: ContactContext): Promise<void> {
  const settings = ctx.followUps;
  if (!settings || !(settings.resolve.any || settings.release.any)) return;
  const state = ctx.state.get(draft.key);
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
      // A dialog with no hash was the new-lead dialog a blank add deferred (add-dialog.ts): owed again.
      if (send.action === "dialog_execute" && state?.dialogHash === undefined && draft.chatAdd.dialogId !== undefined)
        patch.addDialogOwed = true;
    }
  }
  await ctx.state.update(draft.key, patch);
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
