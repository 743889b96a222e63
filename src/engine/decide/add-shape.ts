import type { ContactDraft } from "../../mapping/contact.js";
import type { SyncMode } from "../shared/settings.js";

/**
 * Whether the row's chat_add may go out before the run knows its chat is new: its text is blank, so an existing chat
 * gets nothing visible from it. A dialog_id does not stop it — in upsert the add goes without it and the dialog
 * follows with dialog_execute only when the add answers `done` (follow-ups/owed-dialog.ts).
 */
export function addsBlank(draft: ContactDraft): boolean {
  return draft.chatAdd.text.trim() === "";
}

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
