import { compileValue } from "../../mapping/compile-value.js";
import type { LoadedMapping } from "../../mapping/load-mapping.js";
import type { ValueSpec } from "../../mapping/schema.js";
import type { PlannedRow } from "../../engine/shared/sync-report.js";

/** One request as the Revisão page shows it: the action and its parameters, never the credentials. */
export interface ShownRequest {
  action: string;
  params: Record<string, string>;
}

/** Statuses of a dry run's row that may add the chat (update mode never adds). */
const MAY_ADD = new Set(["would-upsert", "would-create", "would-retry"]);
/** chat_add's text when the mapping sets none: a space registers the chat and shows nothing. */
const SILENT_TEXT = " ";

/** A mapping value rendered for a row, as the mapper renders it. */
function render(spec: ValueSpec | undefined, values: Record<string, string> | undefined): string | undefined {
  if (spec === undefined) return undefined;
  const got = compileValue(spec, "preview").get(values ?? {});
  return typeof got === "string" ? got : undefined;
}

/**
 * The requests one planned row may send, with the parameters the dry run computed (number, name, custom fields by
 * their API names, note): what the person checks before spending a whole file. Upsert tries the update first and adds
 * only a chat that does not exist; both payloads are shown.
 */
export function requestsOf(
  row: PlannedRow,
  mapping: LoadedMapping,
  mode: string,
  values: Record<string, string> | undefined,
): ShownRequest[] {
  const chat_number = row.number;
  const requests: ShownRequest[] = [];
  if (mode !== "update" && MAY_ADD.has(row.status)) {
    const text = render(mapping.chat_add?.text, values) ?? SILENT_TEXT;
    const addDialog = mapping.dialog_execute ? undefined : row.dialog_id;
    requests.push({
      action: "chat_add",
      params: {
        chat_number,
        name: row.name,
        text,
        ...(row.user_id ? { user_id: row.user_id } : {}),
        ...(addDialog ? { dialog_id: addDialog } : {}),
      },
    });
  }
  if (Object.keys(row.fields).length > 0)
    requests.push({ action: "chat_update_custom_fields", params: { chat_number, ...row.fields } });
  if (row.note !== undefined) requests.push({ action: "note_add", params: { chat_number, note_text: row.note } });
  if (mapping.dialog_execute && row.dialog_id)
    requests.push({ action: "dialog_execute", params: { chat_number, dialog_id: row.dialog_id } });
  return requests;
}

/**
 * Whether a run of this mapping can put something in front of a person on WhatsApp (a message, a file, a dialog, or a
 * chat_add with visible text): the Revisão page then asks for consent before Iniciar envio.
 */
export function reachesPeople(mapping: LoadedMapping): boolean {
  const text = mapping.chat_add?.text;
  const silentAdd = text === undefined || (typeof text === "object" && "value" in text && text.value.trim() === "");
  return Boolean(
    mapping.message || mapping.file || mapping.dialog_execute || mapping.chat_add?.dialog_id || !silentAdd,
  );
}
