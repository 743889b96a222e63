// The column page's view of a mapping file: one role per column (WhatsApp, nome, campo personalizado, nota,
// mensagem, ignorar), read from the mapping and written back into it. Everything the page does not edit (write_back,
// chat_add, transforms, fixed values, templates of custom fields…) is kept as it was, so a mapping written by hand
// or by `init` survives a visit to this page. Pure: no DOM, unit-tested in Node.
import type { MappingFile } from "./api-types.js";

export type Role = "phone" | "name" | "field" | "note" | "message" | "ignore";
export type Mode = "upsert" | "create" | "update";

export interface ColumnChoice {
  column: string;
  role: Role;
  /** The ChatGuru custom field name, when role is "field". */
  field: string;
}

export interface MappingView {
  choices: ColumnChoice[];
  note: string;
  message: string;
  mode: Mode;
  /** Custom fields not tied to one column (a fixed value, a template of several columns): shown, not edited. */
  otherFields: string[];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The column a value spec names, when it is a bare column name or `{column}`. */
export function columnOf(spec: unknown): string | undefined {
  if (typeof spec === "string") return spec.trim() === "" ? undefined : spec;
  if (isObj(spec) && typeof spec.column === "string") return spec.column;
  return undefined;
}

/** The text of a template-ish spec: `{template}` as is, a bare column as `{{column}}`, `{value}` as the value. */
export function templateOf(spec: unknown): string {
  if (isObj(spec) && typeof spec.template === "string") return spec.template;
  if (isObj(spec) && typeof spec.value === "string") return spec.value;
  const column = columnOf(spec);
  return column ? `{{${column}}}` : "";
}

export function placeholder(column: string): string {
  return `{{${column}}}`;
}

function references(template: string, column: string): boolean {
  return template.includes(placeholder(column));
}

export function readMapping(mapping: MappingFile, header: string[]): MappingView {
  const phone = columnOf(isObj(mapping.phone) ? mapping.phone.column : mapping.phone);
  const name = columnOf(mapping.name);
  const fields = isObj(mapping.custom_fields) ? mapping.custom_fields : {};
  const fieldByColumn = new Map<string, string>();
  const otherFields: string[] = [];
  for (const [fieldName, spec] of Object.entries(fields)) {
    const column = columnOf(spec);
    if (column && header.includes(column) && !fieldByColumn.has(column)) fieldByColumn.set(column, fieldName);
    else otherFields.push(fieldName);
  }
  const note = templateOf(mapping.note);
  const message = templateOf(isObj(mapping.message) ? mapping.message.text : undefined);
  const choices = header.map((column): ColumnChoice => {
    const field = fieldByColumn.get(column);
    if (column === phone) return { column, role: "phone", field: "" };
    if (column === name) return { column, role: "name", field: "" };
    if (field !== undefined) return { column, role: "field", field };
    if (references(note, column)) return { column, role: "note", field: "" };
    if (references(message, column)) return { column, role: "message", field: "" };
    return { column, role: "ignore", field: "" };
  });
  const mode = mapping.mode === "create" || mapping.mode === "update" ? mapping.mode : "upsert";
  return { choices, note, message, mode, otherFields };
}

function addPlaceholder(template: string, column: string): string {
  if (references(template, column)) return template;
  const line = `${column}: ${placeholder(column)}`;
  return template.trim() === "" ? line : `${template.replace(/\s+$/, "")}\n${line}`;
}

function removePlaceholder(template: string, column: string): string {
  return template
    .split("\n")
    .filter((line) => line.trim() !== `${column}: ${placeholder(column)}` && line.trim() !== placeholder(column))
    .join("\n")
    .split(placeholder(column))
    .join("")
    .trim();
}

/**
 * Gives `column` a new role and returns the new view. A role only one column can have (WhatsApp, nome) moves: the
 * column that had it becomes "ignorar" and is named in `moved` so the page can say so. Choosing nota or mensagem
 * adds the column to that text; leaving them takes it out.
 */
export function setRole(view: MappingView, column: string, role: Role): { view: MappingView; moved?: string } {
  let moved: string | undefined;
  let { note, message } = view;
  const choices = view.choices.map((choice) => {
    if (choice.column === column) return { ...choice, role, field: role === "field" ? choice.field || column : "" };
    if ((role === "phone" || role === "name") && choice.role === role) {
      moved = choice.column;
      return { ...choice, role: "ignore" as Role, field: "" };
    }
    return choice;
  });
  const before = view.choices.find((c) => c.column === column)?.role;
  if (before === "note" && role !== "note") note = removePlaceholder(note, column);
  if (before === "message" && role !== "message") message = removePlaceholder(message, column);
  if (role === "note") note = addPlaceholder(note, column);
  if (role === "message") message = addPlaceholder(message, column);
  return { view: { ...view, choices, note, message }, ...(moved ? { moved } : {}) };
}

function withText(template: string): unknown {
  return template.trim() === "" ? undefined : { template };
}

/** Writes the view back into the mapping it came from; keys the page does not edit are kept as they were. */
export function writeMapping(base: MappingFile, view: MappingView): MappingFile {
  const next: Obj = { ...base, mode: view.mode };
  const oldPhone = columnOf(isObj(base.phone) ? base.phone.column : base.phone);
  const phone = view.choices.find((c) => c.role === "phone")?.column;
  if (phone) next.phone = { ...(isObj(base.phone) ? base.phone : { default_country: "BR" }), column: phone };
  else delete next.phone;
  if (typeof base.key === "string" && base.key === oldPhone && phone) next.key = phone;

  const name = view.choices.find((c) => c.role === "name")?.column;
  if (name) next.name = columnOf(base.name) === name ? base.name : name;
  else if (columnOf(base.name) !== undefined) delete next.name;

  const oldFields = isObj(base.custom_fields) ? base.custom_fields : {};
  const header = new Set(view.choices.map((c) => c.column));
  const fields: Obj = {};
  for (const [fieldName, spec] of Object.entries(oldFields)) {
    const column = columnOf(spec);
    if (!column || !header.has(column)) fields[fieldName] = spec;
  }
  for (const choice of view.choices) {
    if (choice.role !== "field" || !choice.field.trim()) continue;
    const previous = Object.values(oldFields).find((spec) => columnOf(spec) === choice.column && isObj(spec));
    fields[choice.field.trim()] = previous ?? choice.column;
  }
  next.custom_fields = fields;

  const note = withText(view.note);
  if (note) next.note = note;
  else delete next.note;
  const message = withText(view.message);
  if (message) next.message = { ...(isObj(base.message) ? base.message : {}), text: message };
  else delete next.message;
  return next;
}

/** What stops the page's Continuar, as (column or field, words) pairs. Empty when the mapping can be saved. */
export function problemsOf(view: MappingView): { column?: string; kind: "phone" | "field" | "duplicateField" }[] {
  const problems: { column?: string; kind: "phone" | "field" | "duplicateField" }[] = [];
  if (!view.choices.some((c) => c.role === "phone")) problems.push({ kind: "phone" });
  const seen = new Map<string, string>();
  for (const choice of view.choices) {
    if (choice.role !== "field") continue;
    const field = choice.field.trim();
    if (!field) problems.push({ column: choice.column, kind: "field" });
    else if (seen.has(field.toLowerCase())) problems.push({ column: choice.column, kind: "duplicateField" });
    else seen.set(field.toLowerCase(), choice.column);
  }
  return problems;
}
