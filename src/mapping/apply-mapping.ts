import type { SourceRow } from "../core/source-row.js";
import type { ContactDraft, MappedRow, PhoneNumbers } from "./contact.js";
import { checkFileUrl } from "./file-url.js";
import { parseSendDate } from "./send-date.js";
import type { RowProblemCode } from "../core/error-codes.js";
import type { RowProblem } from "../core/row-problem.js";
import type { LoadedMapping } from "./load-mapping.js";
import { normalizePhone, type CountryCode } from "./phone.js";
import type { ValueSpec } from "./schema.js";
import { TransformFailure } from "./transforms.js";
import { compileValue, type CompiledValue } from "./compile-value.js";
import type { Text } from "../core/text.js";
import { text as msg } from "../messages/text.js";
import { withMessage } from "../messages/translate.js";

// Re-exported for rules.ts and tests, which parse templates the same way the mapper renders them.
export { parseTemplate, compileValue, type ParsedTemplate } from "./compile-value.js";

const isBlank = (value: string) => value.length === 0 || value.trim() === "";

function addProblem(
  problems: RowProblem[] | undefined,
  row: number,
  column: string | undefined,
  code: RowProblemCode,
  said: Text,
): RowProblem[] {
  const list = problems ?? [];
  list.push(withMessage(column === undefined ? { row, code } : { row, column, code }, said));
  return list;
}

/** The mapping's values compiled once: one getter per slot, read per row (the per-row path stays cheap). */
interface CompiledMapping {
  phoneColumn: string;
  country: CountryCode;
  keyColumn: string | undefined;
  clear: boolean;
  fields: Array<{ field: string; value: CompiledValue; label: Text }>;
  context: Array<{ field: string; value: CompiledValue; label: Text }>;
  /** Everything else, by slot name; a missing slot is "not mapped". */
  slots: Array<{ name: Slot; value: CompiledValue; label: string }>;
}

type Slot =
  "name" | "text" | "userId" | "addDialog" | "note" | "dialog" | "message" | "sendDate" | "fileUrl" | "caption";

function compileMapping(mapping: LoadedMapping): CompiledMapping {
  const slots: CompiledMapping["slots"] = [];
  const add = (name: Slot, spec: ValueSpec | undefined, label: string) => {
    if (spec !== undefined) slots.push({ name, value: compileValue(spec, label), label });
  };
  add("name", mapping.name, "name");
  add("text", mapping.chat_add?.text, "chat_add.text");
  add("userId", mapping.chat_add?.user_id, "chat_add.user_id");
  add("addDialog", mapping.chat_add?.dialog_id, "chat_add.dialog_id");
  add("note", mapping.note, "note");
  add("dialog", mapping.dialog_execute?.dialog_id, "dialog_execute.dialog_id");
  add("message", mapping.message?.text, "message.text");
  add("sendDate", mapping.message?.send_date, "message.send_date");
  add("fileUrl", mapping.file?.url, "file.url");
  add("caption", mapping.file?.caption, "file.caption");
  const compileAll = (specs: Record<string, ValueSpec>, where: string, what: "customField" | "context") =>
    Object.entries(specs).map(([field, spec]) => ({
      field,
      value: compileValue(spec, `${where}.${field}`),
      label: msg(`row.label.${what}`, { field }),
    }));
  const phoneColumn = mapping.phone.column;
  return {
    phoneColumn,
    country: mapping.phone.default_country as CountryCode,
    keyColumn: mapping.key !== undefined && mapping.key !== phoneColumn ? mapping.key : undefined,
    clear: mapping.empty === "clear",
    fields: compileAll(mapping.custom_fields, "custom_fields", "customField"),
    context: compileAll(mapping.context ?? {}, "context", "context"),
    slots,
  };
}

export interface RowMapperOptions {
  /** Clock for "is this send date in the past". @default () => new Date() */
  now?: () => Date;
}

/** One row being mapped: its problems accumulate; each step reads cells and records what is wrong with them. */
class RowRun {
  problems: RowProblem[] | undefined;
  constructor(
    readonly row: SourceRow,
    readonly compiled: CompiledMapping,
  ) {
    this.problems = row.problems && row.problems.length > 0 ? [...row.problems] : undefined;
  }

  problem(column: string | undefined, code: RowProblemCode, said: Text): void {
    this.problems = addProblem(this.problems, this.row.rowNumber, column, code, said);
  }

  /** A value, or undefined when blank or when its transform failed (then a ROW_VALUE_INVALID is recorded). */
  read(value: CompiledValue, label: string): string | undefined {
    const result = value.get(this.row.values);
    if (result instanceof TransformFailure) {
      this.problem(value.column, "ROW_VALUE_INVALID", msg("row.valueInvalid", { message: result.text, label }));
      return undefined;
    }
    return isBlank(result) ? undefined : result;
  }

  phone(): PhoneNumbers | undefined {
    const { phoneColumn, country } = this.compiled;
    const raw = this.row.values[phoneColumn] ?? "";
    if (isBlank(raw)) {
      this.problem(phoneColumn, "ROW_VALUE_MISSING", msg("row.phoneEmpty"));
      return undefined;
    }
    const result = normalizePhone(raw, country);
    if (result.ok) return result.phone;
    this.problem(phoneColumn, "ROW_PHONE_INVALID", result.text);
    return undefined;
  }

  key(phone: PhoneNumbers | undefined): string | undefined {
    const { keyColumn } = this.compiled;
    if (keyColumn === undefined) return phone?.canonical;
    const key = (this.row.values[keyColumn] ?? "").trim();
    if (key === "") this.problem(keyColumn, "ROW_VALUE_MISSING", msg("row.keyEmpty", { column: keyColumn }));
    return key;
  }

  fields(list: CompiledMapping["fields"], clear: boolean): Record<string, string> {
    // No prototype: a field or variable named `__proto__` is a name like any other.
    const out = Object.create(null) as Record<string, string>;
    for (let i = 0; i < list.length; i++) {
      const { field, value, label } = list[i]!;
      const result = value.get(this.row.values);
      if (result instanceof TransformFailure) {
        this.problem(value.column, "ROW_VALUE_INVALID", msg("row.valueInvalid", { message: result.text, label }));
      } else if (!isBlank(result)) out[field] = result;
      else if (clear) out[field] = "";
    }
    return out;
  }

  slots(): Partial<Record<Slot, string>> {
    const out: Partial<Record<Slot, string>> = {};
    for (const { name, value, label } of this.compiled.slots) {
      const result = this.read(value, label);
      if (result !== undefined) out[name] = result;
    }
    return out;
  }
}

/**
 * message and file parts of the draft; a send date that is not a date or a bad file link is a row problem (nothing is
 * sent for the row). A send date in the past stops only the message (the engine says why on the row; see docs/at-most-once.md).
 */
function messageParts(
  run: RowRun,
  slots: Partial<Record<Slot, string>>,
  now: Date,
): Pick<ContactDraft, "message" | "file"> {
  const parts: Pick<ContactDraft, "message" | "file"> = {};
  if (slots.message !== undefined) {
    parts.message = { text: slots.message };
    if (slots.sendDate !== undefined) {
      const date = parseSendDate(slots.sendDate, now);
      const column = run.compiled.slots.find((s) => s.name === "sendDate")?.value.column;
      if (date.ok) parts.message.sendDate = date.wire;
      else if (date.code === "ROW_SEND_DATE_PAST")
        // lateText not enumerable: the draft keeps the shape its tests and the plan preview know.
        Object.defineProperty(Object.assign(parts.message, { sendDate: date.wire, late: date.message }), "lateText", {
          value: date.text,
          enumerable: false,
        });
      else run.problem(column, date.code, date.text);
    }
  }
  if (slots.fileUrl !== undefined) {
    const url = checkFileUrl(slots.fileUrl);
    const column = run.compiled.slots.find((s) => s.name === "fileUrl")?.value.column;
    if (url.ok) parts.file = { url: url.url, ...(slots.caption !== undefined ? { caption: slots.caption } : {}) };
    else run.problem(column, "ROW_FILE_URL_INVALID", url.text);
  }
  return parts;
}

function buildDraft(
  row: SourceRow,
  key: string,
  phone: PhoneNumbers,
  fields: Record<string, string>,
  slots: Partial<Record<Slot, string>>,
): ContactDraft {
  const chatAdd: ContactDraft["chatAdd"] = { text: slots.text ?? " " };
  if (slots.userId !== undefined) chatAdd.userId = slots.userId.trim();
  if (slots.addDialog !== undefined) chatAdd.dialogId = slots.addDialog.trim();
  const draft: ContactDraft = {
    rowNumber: row.rowNumber,
    key,
    phone,
    name: slots.name !== undefined ? slots.name.trim() : phone.canonical,
    chatAdd,
    fields,
  };
  if (slots.note !== undefined) draft.note = slots.note;
  if (slots.dialog !== undefined) draft.dialogId = slots.dialog.trim();
  return draft;
}

/**
 * Builds the pure row → draft | problems function for one mapping and header.
 *
 * Decisions:
 * - The phone is required: empty → ROW_VALUE_MISSING, unparseable → ROW_PHONE_INVALID.
 * - The key is the canonical phone when `key` is absent or is the phone column (so one number written two ways is
 *   one key); otherwise the trimmed key cell, and an empty key cell → ROW_VALUE_MISSING.
 * - `name` is never a row problem: when unmapped or empty the canonical phone digits are used, because chat_add needs
 *   a name and a lead without one is still a lead (WhatsApp shows the number for unnamed contacts too).
 * - `empty: "skip"` drops custom fields whose final value (after transforms and default) is blank; `"clear"` sends "".
 *   Notes, chat_add ids and dialog ids are simply omitted when blank (there is nothing to clear).
 * - A value that does not fit its transform (a date not matching its pattern) → ROW_VALUE_INVALID on its column.
 * - An empty message text or file url sends nothing for that row (a column can opt rows in); a send date
 *   that is not a date and a file link without the file's extension make the row invalid. A send date in the past
 *   marks the message `late`: the row stays valid, and only its message does not go (unless it already went).
 */
export function createRowMapper(
  mapping: LoadedMapping,
  headers: string[],
  options: RowMapperOptions = {},
): (row: SourceRow) => MappedRow {
  void headers;
  const compiled = compileMapping(mapping);
  const now = options.now ?? (() => new Date());
  const hasMessages = mapping.message !== undefined || mapping.file !== undefined;
  return (row) => {
    const run = new RowRun(row, compiled);
    const phone = run.phone();
    const key = run.key(phone);
    const fields = run.fields(compiled.fields, compiled.clear);
    const slots = run.slots();
    const parts = hasMessages ? messageParts(run, slots, now()) : {};
    const context = compiled.context.length > 0 ? run.fields(compiled.context, false) : undefined;
    if (run.problems || !phone || key === undefined) return { ok: false, problems: run.problems ?? [] };
    const draft = buildDraft(row, key, phone, fields, slots);
    if (parts.message) draft.message = parts.message;
    if (parts.file) draft.file = parts.file;
    if (context && Object.keys(context).length > 0) draft.context = context;
    return { ok: true, draft };
  };
}
