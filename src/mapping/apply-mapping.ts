import { ConfigError } from "../errors.js";
import type { SourceRow } from "../core/source-row.js";
import type { ContactDraft, MappedRow, PhoneNumbers } from "./contact.js";
import type { RowProblem } from "../core/row-problem.js";
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

function addProblem(
  problems: RowProblem[] | undefined,
  row: number,
  column: string | undefined,
  code: string,
  message: string,
): RowProblem[] {
  const list = problems ?? [];
  list.push(column === undefined ? { row, code, message } : { row, column, code, message });
  return list;
}

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
  // The non-field values, in a fixed order; a slot of -1 means "not mapped".
  const others: Array<{ value: CompiledValue; label: string }> = [];
  const slot = (spec: ValueSpec | undefined, label: string): number => {
    if (spec === undefined) return -1;
    return others.push({ value: compileValue(spec, label), label }) - 1;
  };
  const nameSlot = slot(mapping.name, "name");
  const textSlot = slot(mapping.chat_add?.text, "chat_add.text");
  const userIdSlot = slot(mapping.chat_add?.user_id, "chat_add.user_id");
  const addDialogSlot = slot(mapping.chat_add?.dialog_id, "chat_add.dialog_id");
  const noteSlot = slot(mapping.note, "note");
  const dialogSlot = slot(mapping.dialog_execute?.dialog_id, "dialog_execute.dialog_id");
  const fields = Object.entries(mapping.custom_fields).map(([field, spec]) => ({
    field,
    value: compileValue(spec, `custom_fields.${field}`),
    label: `custom field "${field}"`,
  }));
  const clear = mapping.empty === "clear";

  return (row) => {
    const values = row.values;
    const rowNumber = row.rowNumber;
    // No closures per row: this runs a million times per file (SPEC §9).
    let problems: RowProblem[] | undefined = row.problems && row.problems.length > 0 ? [...row.problems] : undefined;

    let phone: PhoneNumbers | undefined;
    const rawPhone = values[phoneColumn] ?? "";
    if (isBlank(rawPhone))
      problems = addProblem(problems, rowNumber, phoneColumn, "ROW_VALUE_MISSING", "the phone number is empty");
    else {
      const result = normalizePhone(rawPhone, country);
      if (result.ok) phone = result.phone;
      else problems = addProblem(problems, rowNumber, phoneColumn, "ROW_PHONE_INVALID", result.message);
    }

    let key = phone?.canonical;
    if (keyColumn !== undefined) {
      key = (values[keyColumn] ?? "").trim();
      if (key === "")
        problems = addProblem(
          problems,
          rowNumber,
          keyColumn,
          "ROW_VALUE_MISSING",
          `the key column "${keyColumn}" is empty`,
        );
    }

    const draftFields: Record<string, string> = {};
    for (let i = 0; i < fields.length; i++) {
      const { field, value: compiled, label } = fields[i]!;
      const value = compiled.get(values);
      if (value instanceof TransformFailure) {
        problems = addProblem(problems, rowNumber, compiled.column, "ROW_VALUE_INVALID", `${value.message} (${label})`);
      } else if (!isBlank(value)) draftFields[field] = value;
      else if (clear) draftFields[field] = "";
    }
    let extras: Array<string | undefined> | undefined;
    if (others.length > 0) {
      extras = new Array<string | undefined>(others.length);
      for (let i = 0; i < others.length; i++) {
        const other = others[i]!;
        const value = other.value.get(values);
        if (value instanceof TransformFailure) {
          problems = addProblem(
            problems,
            rowNumber,
            other.value.column,
            "ROW_VALUE_INVALID",
            `${value.message} (${other.label})`,
          );
        } else if (!isBlank(value)) extras[i] = value;
      }
    }

    if (problems || !phone || key === undefined) return { ok: false, problems: problems ?? [] };

    // An unmapped slot is -1, and extras[-1] is undefined.
    const nameValue = extras?.[nameSlot];
    const textValue = extras?.[textSlot];
    const userIdValue = extras?.[userIdSlot];
    const addDialogValue = extras?.[addDialogSlot];
    const noteValue = extras?.[noteSlot];
    const dialogValue = extras?.[dialogSlot];
    const chatAdd: ContactDraft["chatAdd"] = { text: textValue ?? " " };
    if (userIdValue !== undefined) chatAdd.userId = userIdValue.trim();
    if (addDialogValue !== undefined) chatAdd.dialogId = addDialogValue.trim();
    const draft: ContactDraft = {
      rowNumber,
      key,
      phone,
      name: nameValue !== undefined ? nameValue.trim() : phone.canonical,
      chatAdd,
      fields: draftFields,
    };
    if (noteValue !== undefined) draft.note = noteValue;
    if (dialogValue !== undefined) draft.dialogId = dialogValue.trim();
    return { ok: true, draft };
  };
}
