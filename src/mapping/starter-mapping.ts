import type { SourceRow } from "../core/source-row.js";
import { DEFAULT_WRITE_BACK } from "../core/row-result.js";
import { normalizePhone } from "./phone.js";
import { ENGLISH, type Speaker } from "../messages/translate.js";

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
const PHONE_WORDS = ["whatsapp", "celular", "telefone", "phone", "fone", "tel", "zap"];
const NAME_WORDS = ["nome", "name", "cliente", "contato"];
/** A column is a phone column by its values when this share of its non-empty sampled cells are valid numbers. */
const PHONE_VALUE_SHARE = 0.8;

export interface StarterMapping {
  /** The mapping as JSON-with-comments text, ready to write. */
  text: string;
  phone: { column: string; by: "header" | "values" };
  name?: string;
  /** Columns left for the person to confirm as custom fields (not mapped). */
  suggestions: string[];
}

/** First header whose folded name contains one of the words, trying the words in order of confidence. */
function byHeader(headers: string[], words: string[]): string | undefined {
  for (const word of words) {
    const found = headers.find((h) => fold(h).includes(word));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** How many sampled cells of a column are valid phone numbers. */
function phoneCells(column: string, sample: SourceRow[]): { valid: number; filled: number } {
  let valid = 0;
  let filled = 0;
  for (const row of sample) {
    const cell = row.values[column]?.trim() ?? "";
    if (cell === "") continue;
    filled++;
    if (/\d{8}/.test(cell.replace(/\D/g, "")) && normalizePhone(cell).ok) valid++;
  }
  return { valid, filled };
}

/** A header named like "Contato" may still hold the numbers: the column whose sampled values are mostly phones. */
function byValues(headers: string[], sample: SourceRow[]): string | undefined {
  let best: { column: string; share: number } | undefined;
  for (const column of headers) {
    const { valid, filled } = phoneCells(column, sample);
    if (filled === 0) continue;
    const share = valid / filled;
    if (share >= PHONE_VALUE_SHARE && (!best || share > best.share)) best = { column, share };
  }
  return best?.column;
}

/** Headers named like a phone, in order of confidence ("WhatsApp" before "Celular" before "Telefone"…). */
function phoneNamed(headers: string[]): string[] {
  const named: string[] = [];
  for (const word of PHONE_WORDS) {
    for (const h of headers) if (fold(h).includes(word) && !named.includes(h)) named.push(h);
  }
  return named;
}

/**
 * The phone column, or undefined when no header or sampled column looks like WhatsApp numbers. Among columns named
 * like a phone, the one whose sampled cells hold the most valid numbers wins (a sheet with an empty "Celular" and a
 * filled "Telefone"); name order breaks ties.
 */
export function findPhoneColumn(
  headers: string[],
  sample: SourceRow[],
): { column: string; by: "header" | "values" } | undefined {
  let best: { column: string; valid: number } | undefined;
  for (const column of phoneNamed(headers)) {
    const { valid } = phoneCells(column, sample);
    if (!best || valid > best.valid) best = { column, valid };
  }
  if (best && (best.valid > 0 || sample.length === 0)) return { column: best.column, by: "header" };
  const valued = byValues(headers, sample);
  if (valued !== undefined) return { column: valued, by: "values" };
  return best ? { column: best.column, by: "header" } : undefined;
}

/**
 * A starter mapping (`init`): only what can be placed with confidence (phone, name) is mapped. Every other
 * column is listed as a commented-out custom field: ChatGuru rejects a field the account does not have, so mapping a
 * column blindly would create chats and then fail every row: a canary run would burn chats for nothing.
 */
export function starterMapping(
  headers: string[],
  phone: { column: string; by: "header" | "values" },
  schemaRef: string,
  /** The language of the comments written into the file. @default English */
  sp: Speaker = ENGLISH,
): StarterMapping {
  const name = byHeader(
    headers.filter((h) => h !== phone.column),
    NAME_WORDS,
  );
  const resultColumns = new Set(Object.values(DEFAULT_WRITE_BACK));
  const suggestions = headers.filter((h) => h !== phone.column && h !== name && !resultColumns.has(h) && h !== "");
  const lines = [
    "{",
    `  "$schema": ${JSON.stringify(schemaRef)},`,
    `  "mode": "upsert", // ${sp.t("init.comment.mode")}`,
    `  "phone": { "column": ${JSON.stringify(phone.column)}, "default_country": "BR" },`,
    ...(name !== undefined ? [`  "name": ${JSON.stringify(name)},`] : []),
    `  "custom_fields": {`,
    ...suggestionLines(suggestions, sp),
    `  },`,
    `  "empty": "skip" // ${sp.t("init.comment.empty")}`,
    "}",
  ];
  return { text: `${lines.join("\n")}\n`, phone, ...(name !== undefined ? { name } : {}), suggestions };
}

function suggestionLines(suggestions: string[], sp: Speaker): string[] {
  if (suggestions.length === 0) return [];
  return [
    `    // ${sp.t("init.comment.suggestions")}`,
    `    // ${sp.t("init.comment.suggestionsHow")}`,
    ...suggestions.map((column) => `    // ${JSON.stringify(column)}: ${JSON.stringify(column)},`),
  ];
}
