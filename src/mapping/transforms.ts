import type { Text } from "../core/text.js";
import { text as msg } from "../messages/text.js";
import { english, withMessage } from "../messages/translate.js";

/**
 * Value transforms of the mapping: `trim`, `upper`, `lower`, `title`, `digits`, and date re-formats
 * `date:DD/MM/YYYY->YYYY-MM-DD`. Compiled once per mapping; the compiled functions run on every row.
 */

/** A value that did not fit a transform (e.g. a date not matching the input pattern). Becomes ROW_VALUE_INVALID. */
export class TransformFailure {
  /** English words; `text` the same as a catalog Text. */
  readonly message: string;
  constructor(readonly text: Text) {
    this.message = english(text);
  }
}

export type Transform = (value: string) => string | TransformFailure;

/** A transform name that does not compile says why as a catalog Text. */
export type CompiledTransform =
  { ok: true; transform: Transform } | { ok: false; message: string; readonly text: Text };

export const TRANSFORM_NAMES = ["trim", "upper", "lower", "title", "digits", "date:<from>-><to>"] as const;
const SIMPLE_NAMES = ["trim", "upper", "lower", "title", "digits"];

/** Lower-case connectives of Brazilian names: "JOÃO DA SILVA" → "João da Silva". */
const NAME_PARTICLES = new Set(["da", "de", "do", "das", "dos", "e", "di", "du"]);

function capitalize(word: string): string {
  // Hyphenated and apostrophe names keep each part capitalized: "ana-maria" → "Ana-Maria", "d'ávila" → "D'Ávila".
  return word.replace(
    /(^|[-'’])(\p{L})/gu,
    (_m, sep: string, letter: string) => sep + letter.toLocaleUpperCase("pt-BR"),
  );
}

export function titleCase(value: string): string {
  const words = value.toLocaleLowerCase("pt-BR").split(/(\s+)/);
  let seenWord = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === "" || /^\s+$/.test(word)) continue;
    words[i] = seenWord && NAME_PARTICLES.has(word) ? word : capitalize(word);
    seenWord = true;
  }
  return words.join("");
}

const SIMPLE: Record<string, Transform> = {
  trim: (v) => v.trim(),
  upper: (v) => v.toLocaleUpperCase("pt-BR"),
  lower: (v) => v.toLocaleLowerCase("pt-BR"),
  title: titleCase,
  digits: (v) => v.replace(/\D+/g, ""),
};

type DateToken = "DD" | "MM" | "YYYY" | "YY" | "HH" | "mm" | "ss";
const TOKEN_RE = /YYYY|YY|DD|MM|HH|mm|ss/g;
// Spreadsheet dates are often unpadded ("5/3/2024"), so day, month and hour accept one or two digits on input.
const TOKEN_INPUT: Record<DateToken, string> = {
  DD: "(\\d{1,2})",
  MM: "(\\d{1,2})",
  YYYY: "(\\d{4})",
  YY: "(\\d{2})",
  HH: "(\\d{1,2})",
  mm: "(\\d{2})",
  ss: "(\\d{2})",
};

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function compileDate(spec: string): CompiledTransform {
  const body = spec.slice("date:".length);
  const arrow = body.indexOf("->");
  if (arrow < 0) return withMessage({ ok: false as const }, msg("mapping.transform.noArrow", { spec }));
  const from = body.slice(0, arrow);
  const to = body.slice(arrow + 2);
  const inputTokens: DateToken[] = [];
  let source = "";
  let last = 0;
  for (const match of from.matchAll(TOKEN_RE)) {
    source += escapeRegExp(from.slice(last, match.index)) + TOKEN_INPUT[match[0] as DateToken];
    inputTokens.push(match[0] as DateToken);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(from.slice(last));
  if (inputTokens.length === 0)
    return withMessage({ ok: false as const }, msg("mapping.transform.noInputTokens", { spec, from }));
  if (new Set(inputTokens).size !== inputTokens.length)
    return withMessage({ ok: false as const }, msg("mapping.transform.repeats", { spec, from }));
  const outputTokens = [...to.matchAll(TOKEN_RE)].map((m) => m[0] as DateToken);
  if (outputTokens.length === 0)
    return withMessage({ ok: false as const }, msg("mapping.transform.noOutputTokens", { spec, to }));
  const hasYear = (tokens: DateToken[]) => tokens.includes("YYYY") || tokens.includes("YY");
  for (const token of outputTokens) {
    const available = token === "YYYY" || token === "YY" ? hasYear(inputTokens) : inputTokens.includes(token);
    if (!available)
      return withMessage({ ok: false as const }, msg("mapping.transform.notInInput", { spec, token, from }));
  }
  const re = new RegExp(`^${source}$`);
  return {
    ok: true,
    transform: (value) => {
      const text = value.trim();
      if (text === "") return "";
      const match = re.exec(text);
      if (!match) return new TransformFailure(msg("row.dateNoMatch", { value, pattern: from }));
      const parts: Parts = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
      inputTokens.forEach((token, i) => {
        const n = Number(match[i + 1]);
        if (token === "YYYY") parts.year = n;
        // Two-digit years: 00–69 are 20xx, 70–99 are 19xx (the pivot spreadsheets use).
        else if (token === "YY") parts.year = n < 70 ? 2000 + n : 1900 + n;
        else if (token === "MM") parts.month = n;
        else if (token === "DD") parts.day = n;
        else if (token === "HH") parts.hour = n;
        else if (token === "mm") parts.minute = n;
        else parts.second = n;
      });
      if (!isRealDate(parts)) return new TransformFailure(msg("row.dateNotReal", { value, pattern: from }));
      return to.replace(TOKEN_RE, (token) => format(token as DateToken, parts));
    },
  };
}

function isRealDate(p: Parts): boolean {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return false;
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return p.day <= daysInMonth;
}

function format(token: DateToken, p: Parts): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  switch (token) {
    case "YYYY":
      return pad(p.year, 4);
    case "YY":
      return pad(p.year % 100);
    case "MM":
      return pad(p.month);
    case "DD":
      return pad(p.day);
    case "HH":
      return pad(p.hour);
    case "mm":
      return pad(p.minute);
    case "ss":
      return pad(p.second);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One transform name → function, or a message saying what is wrong with the name. */
export function compileTransform(name: string): CompiledTransform {
  const simple = SIMPLE[name];
  if (simple) return { ok: true, transform: simple };
  if (name.startsWith("date:")) return compileDate(name);
  return withMessage({ ok: false as const }, msg("mapping.transform.unknown", { name }));
}

/** Names a misspelled transform could have meant (for "did you mean"). */
export function knownTransformNames(): string[] {
  return [...SIMPLE_NAMES, "date:DD/MM/YYYY->YYYY-MM-DD"];
}

/** Chains compiled transforms left to right; the first failure stops the chain. */
export function chainTransforms(transforms: Transform[]): Transform | undefined {
  if (transforms.length === 0) return undefined;
  if (transforms.length === 1) return transforms[0];
  return (value) => {
    let current: string | TransformFailure = value;
    for (const transform of transforms) {
      current = transform(current as string);
      if (current instanceof TransformFailure) return current;
    }
    return current;
  };
}
