import { ConfigError } from "../errors.js";
import type { SourceRow } from "../sources/source.js";
import type { ContactDraft, MappedRow, PhoneNumbers, RowProblem } from "./contact.js";
import type { LoadedMapping } from "./load-mapping.js";
import { normalizePhone, type CountryCode } from "./phone.js";
import type { ValueSpec } from "./schema.js";
import { chainTransforms, compileTransform, TransformFailure, type Transform } from "./transforms.js";

export interface ParsedTemplate {
  /** Literal text around the placeholders: always `columns.length + 1` entries. */
  literals: string[];
  columns: string[];
  /** A `{{` with no matching `}}`. */
  unclosed: boolean;
}

/** `"{{Cidade}}/{{UF}}"` → literals ["", "/", ""], columns ["Cidade", "UF"]. Spaces inside the braces are ignored. */
export function parseTemplate(template: string): ParsedTemplate {
  const literals: string[] = [];
  const columns: string[] = [];
  let rest = 0;
  const re = /\{\{([^{}]*)\}\}/g;
  for (const match of template.matchAll(re)) {
    literals.push(template.slice(rest, match.index));
    columns.push(match[1]!.trim());
    rest = match.index + match[0].length;
  }
  literals.push(template.slice(rest));
  return { literals, columns, unclosed: literals.some((l) => l.includes("{{")) };
}

type Values = Record<string, string>;
type Getter = (values: Values) => string | TransformFailure;

interface CompiledValue {
  /** The column a problem with this value is reported on. */
  column: string | undefined;
  get: Getter;
}

function compileTransforms(names: string[] | undefined, where: string): Transform | undefined {
  if (!names || names.length === 0) return undefined;
  return chainTransforms(
    names.map((name) => {
      const compiled = compileTransform(name);
      // checkMapping() reports these with line:column first; reaching this means it was skipped.
      if (!compiled.ok) throw new ConfigError("MAPPING_RULES", `${where}: ${compiled.message}`);
      return compiled.transform;
    }),
  );
}

/** Value spec → getter, compiled once per mapping (SPEC §9: the per-row path must stay cheap). */
export function compileValue(spec: ValueSpec, where: string): CompiledValue {
  if (typeof spec === "string") return { column: spec, get: (values) => values[spec] ?? "" };
  if ("value" in spec) {
    const constant = spec.value;
    return { column: undefined, get: () => constant };
  }
  if ("column" in spec) {
    const { column } = spec;
    const transform = compileTransforms(spec.transform, where);
    const fallback = spec.default;
    return {
      column,
      get: (values) => {
        const raw = values[column] ?? "";
        const value = transform ? transform(raw) : raw;
        if (fallback !== undefined && typeof value === "string" && value.trim() === "") return fallback;
        return value;
      },
    };
  }
  const { literals, columns } = parseTemplate(spec.template);
  const transform = compileTransforms(spec.transform, where);
  const render = (values: Values): string => {
    // A template whose every placeholder is empty is an empty value ("/" for "{{Cidade}}/{{UF}}" says nothing).
    let out = literals[0]!;
    let anyValue = columns.length === 0;
    for (let i = 0; i < columns.length; i++) {
      const cell = values[columns[i]!] ?? "";
      if (cell.trim() !== "") anyValue = true;
      out += cell + literals[i + 1]!;
    }
    return anyValue ? out : "";
  };
  return { column: columns[0], get: transform ? (values) => transform(render(values)) : render };
}

const isBlank = (value: string) => value.length === 0 || value.trim() === "";

/**
 * Builds the pure row → draft | problems function for one mapping and header (SPEC §4.4).
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
 */
export function createRowMapper(mapping: LoadedMapping, headers: string[]): (row: SourceRow) => MappedRow {
  void headers;
  const phoneColumn = mapping.phone.column;
  const country = mapping.phone.default_country as CountryCode;
  const keyColumn = mapping.key !== undefined && mapping.key !== phoneColumn ? mapping.key : undefined;
  const name = mapping.name !== undefined ? compileValue(mapping.name, "name") : undefined;
  const text = mapping.chat_add?.text !== undefined ? compileValue(mapping.chat_add.text, "chat_add.text") : undefined;
  const userId = mapping.chat_add?.user_id !== undefined ? compileValue(mapping.chat_add.user_id, "chat_add.user_id") : undefined;
  const addDialogId = mapping.chat_add?.dialog_id !== undefined ? compileValue(mapping.chat_add.dialog_id, "chat_add.dialog_id") : undefined;
  const note = mapping.note !== undefined ? compileValue(mapping.note, "note") : undefined;
  const dialogId = mapping.dialog_execute ? compileValue(mapping.dialog_execute.dialog_id, "dialog_execute.dialog_id") : undefined;
  const fields = Object.entries(mapping.custom_fields).map(([field, spec]) => ({ field, value: compileValue(spec, `custom_fields.${field}`) }));
  const clear = mapping.empty === "clear";

  return (row) => {
    const values = row.values;
    let problems: RowProblem[] | undefined = row.problems && row.problems.length > 0 ? [...row.problems] : undefined;
    const problem = (column: string | undefined, code: string, message: string) => {
      (problems ??= []).push(column === undefined ? { row: row.rowNumber, code, message } : { row: row.rowNumber, column, code, message });
    };
    const evaluate = (compiled: CompiledValue, label: string): string | undefined => {
      const value = compiled.get(values);
      if (value instanceof TransformFailure) {
        problem(compiled.column, "ROW_VALUE_INVALID", `${value.message} (${label})`);
        return undefined;
      }
      return value;
    };

    let phone: PhoneNumbers | undefined;
    const rawPhone = values[phoneColumn] ?? "";
    if (isBlank(rawPhone)) problem(phoneColumn, "ROW_VALUE_MISSING", "the phone number is empty");
    else {
      const result = normalizePhone(rawPhone, country);
      if (result.ok) phone = result.phone;
      else problem(phoneColumn, "ROW_PHONE_INVALID", result.message);
    }

    let key = phone?.canonical;
    if (keyColumn !== undefined) {
      key = (values[keyColumn] ?? "").trim();
      if (key === "") problem(keyColumn, "ROW_VALUE_MISSING", `the key column "${keyColumn}" is empty`);
    }

    const draftFields: Record<string, string> = {};
    for (const { field, value } of fields) {
      const result = evaluate(value, `custom field "${field}"`);
      if (result === undefined) continue;
      if (!isBlank(result)) draftFields[field] = result;
      else if (clear) draftFields[field] = "";
    }
    const nameValue = name ? evaluate(name, "name") : undefined;
    const textValue = text ? evaluate(text, "chat_add.text") : undefined;
    const userIdValue = userId ? evaluate(userId, "chat_add.user_id") : undefined;
    const addDialogValue = addDialogId ? evaluate(addDialogId, "chat_add.dialog_id") : undefined;
    const noteValue = note ? evaluate(note, "note") : undefined;
    const dialogValue = dialogId ? evaluate(dialogId, "dialog_execute.dialog_id") : undefined;

    if (problems || !phone || key === undefined) return { ok: false, problems: problems ?? [] };

    const chatAdd: ContactDraft["chatAdd"] = { text: textValue !== undefined && !isBlank(textValue) ? textValue : " " };
    if (userIdValue !== undefined && !isBlank(userIdValue)) chatAdd.userId = userIdValue.trim();
    if (addDialogValue !== undefined && !isBlank(addDialogValue)) chatAdd.dialogId = addDialogValue.trim();
    const draft: ContactDraft = {
      rowNumber: row.rowNumber,
      key,
      phone,
      name: nameValue !== undefined && !isBlank(nameValue) ? nameValue.trim() : phone.canonical,
      chatAdd,
      fields: draftFields,
    };
    if (noteValue !== undefined && !isBlank(noteValue)) draft.note = noteValue;
    if (dialogValue !== undefined && !isBlank(dialogValue)) draft.dialogId = dialogValue.trim();
    return { ok: true, draft };
  };
}
