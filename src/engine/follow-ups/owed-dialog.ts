import type { ContactDraft } from "../../mapping/contact.js";
import type { ContactContext, SyncMode } from "../job/row-context.js";
import { executeDialogOnce, settleDialogFailure } from "./chat-updates.js";
import { addsBlank } from "../learning/upsert-strategy.js";
import { text } from "../../messages/text.js";
import { warningEvent } from "../shared/events.js";

/**
 * Whether this row's chat_add goes without the mapping's chat_add `dialog_id`. An upsert adds before it knows whether
 * the chat is new (adding first, or after probing one 9th-digit form): the dialog, meant for a new lead, then follows
 * with dialog_execute only when the add answers `done`. A chat that existed (`fetched`) takes the existing-chat path,
 * which runs no chat_add dialog — ChatGuru does not run a chat_add dialog_id for a chat that existed either. The add then
 * sends nothing visible, so a lost answer can be settled by a blank re-add. Create mode keeps the dialog in the add.
 */
export function defersAddDialog(draft: ContactDraft, mode: SyncMode): boolean {
  return mode === "upsert" && draft.chatAdd.dialogId !== undefined && addsBlank(draft);
}

/**
 * Runs the dialog a deferred add owes its chat, when this journal saw ChatGuru create the chat (`done`). At most once,
 * as every dialog: journaled as sent (and `sending`) BEFORE it leaves, so a crash or a lost answer never runs it twice
 * — the row then says MESSAGE_UNCERTAIN until a person settles it (uncertain-sends.ts); only a failure that proves
 * nothing was sent puts it back as owed. Called on every success path, so a run stopped between the add and the
 * dialog leaves it to the next run.
 */
export async function runOwedDialog(draft: ContactDraft, ctx: ContactContext, number: string): Promise<void> {
  const state = ctx.state.get(draft.key);
  if (state?.addDialogOwed !== true || state.addStatus !== "done") return;
  const dialogId = draft.chatAdd.dialogId;
  if (dialogId === undefined) {
    await ctx.state.update(draft.key, { addDialogOwed: null });
    return;
  }
  await ctx.state.update(draft.key, { addDialogOwed: null, dialogStatus: "sending" });
  try {
    await executeDialogOnce(ctx.follow, number, dialogId);
    await ctx.state.update(draft.key, { dialogStatus: null });
  } catch (error) {
    await settleDialogFailure(error, draft, ctx, { addDialogOwed: true, dialogStatus: state.dialogStatus ?? null });
  }
}

/**
 * The chat a deferred add reached is not one this journal saw ChatGuru create (`fetched`, or found by probing after a
 * lost answer): it may have existed, so the new-lead dialog is not owed to it. After a lost answer the chat was most
 * likely made by that add, but nothing proves it is new: the dialog is not run (at most once, never to a chat that
 * existed), and that is said so a person can run it.
 */
export async function dropOwedDialog(
  draft: ContactDraft,
  ctx: ContactContext,
  { afterLostAdd }: { afterLostAdd: boolean },
): Promise<void> {
  if (ctx.state.get(draft.key)?.addDialogOwed !== true) return;
  await ctx.state.update(draft.key, { addDialogOwed: null });
  if (!afterLostAdd || draft.chatAdd.dialogId === undefined) return;
  ctx.onEvent?.(
    warningEvent(
      text("row.addDialogSkipped", {
        row: draft.rowNumber,
        phone: draft.phone.canonical,
        dialog: draft.chatAdd.dialogId,
      }),
    ),
  );
}
