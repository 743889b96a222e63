import { toFieldApiName } from "../../chatguru/field-names.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState } from "../../state/state-store.js";
import type { SyncMode } from "../shared/settings.js";
import type { PlanCounts, PlannedRow } from "../shared/sync-report.js";
import { textHash } from "./values-hash.js";

/** How many rows the dry run shows in full: enough to check the custom-field values before spending 5 000 rows. */
export const PREVIEW_ROWS = 3;

/**
 * Requests for one valid row, at the least (see docs/request-strategy.md): an existing chat whose values changed costs 1 update; a new chat 3
 * (chat_add, ≈1 chat_add_status, the update) — 1 in update mode, where the chat must already exist; plus a note or a
 * dialog whose text the journal has not seen, and a message or file. Unchanged rows cost nothing.
 */
export function rowRequests(
  planned: keyof PlanCounts,
  draft: ContactDraft,
  prior: RowState | undefined,
  mode: SyncMode,
): number {
  if (planned === "unchanged") return 0;
  const hasFields = Object.keys(draft.fields).length > 0;
  const isNew = planned === "new" || planned === "retry";
  let requests = isNew && mode !== "update" ? 2 + (hasFields ? 1 : 0) : 1;
  if (draft.note !== undefined && prior?.noteHash !== textHash(draft.note)) requests += 1;
  if (draft.dialogId !== undefined && prior?.dialogHash !== textHash(draft.dialogId)) requests += 1;
  if (isNew && draft.message) requests += 1;
  if (isNew && draft.file) requests += 1;
  return requests;
}

/** The row as it will be sent (number, name, `field__X` values, note…), for the dry run's preview. */
export function plannedRow(draft: ContactDraft, status: string): PlannedRow {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(draft.fields)) fields[toFieldApiName(name)] = value;
  return {
    row: draft.rowNumber,
    status,
    number: draft.phone.canonical,
    name: draft.name,
    fields,
    ...(draft.note !== undefined ? { note: draft.note } : {}),
    ...((draft.dialogId ?? draft.chatAdd.dialogId) ? { dialog_id: (draft.dialogId ?? draft.chatAdd.dialogId)! } : {}),
    ...(draft.chatAdd.userId ? { user_id: draft.chatAdd.userId } : {}),
  };
}
