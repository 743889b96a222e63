/**
 * Excel number-format codes (the `numFmt` of a cell: `dd/mm/yyyy`, `#,##0.00`, `"R$" #,##0.00;[Red]-"R$" #,##0.00`)
 * split into sections and tokens, so the xlsx source can show a cell the way Excel shows it.
 *
 * Only what a contact sheet realistically carries is understood: digit placeholders with grouping, decimals, percent
 * and literals (CEP `00000-000`, phone `(00) 00000-0000`, currency), and date/time codes. Anything else (fractions,
 * scientific notation, conditions such as `[<=9999999]`) is reported as `unsupported` and the caller falls back to
 * Excel's General display, which still shows the right digits.
 */

export type FormatToken =
  | { t: "lit"; v: string }
  /** Digit placeholder: `0` always shows a digit, `#` only a significant one, `?` a space instead of a zero. */
  | { t: "ph"; v: "0" | "#" | "?" }
  | { t: "dot" }
  | { t: "comma" }
  | { t: "pct" }
  | { t: "general" }
  | { t: "text" }
  /** A run of date/time letters, lower-cased: `yyyy`, `mm`, `d`, `hh`, `ss`… */
  | { t: "date"; v: string }
  /** `[h]`, `[mm]`, `[ss]`: elapsed time (hours past 24). */
  | { t: "elapsed"; v: string }
  | { t: "ampm"; am: string; pm: string };

export interface FormatSection {
  tokens: FormatToken[];
  /** true when the section holds date or time codes. */
  isDate: boolean;
  /** Month and weekday names in English (`[$-409]`) instead of Portuguese. */
  english: boolean;
  /** Something this reader does not render (fractions, exponents, conditions): show General instead. */
  unsupported: boolean;
}

/**
 * Locale-dependent built-in formats: Excel stores the id (14, 22, or the `[$-F800]` system long date) and shows it
 * in the reader's regional format. exceljs hands us the en-US spelling; a Brazilian user sees these instead.
 */
const REGIONAL: Record<string, string> = {
  "mm-dd-yy": "dd/mm/yyyy",
  'm/d/yy "h":mm': "dd/mm/yyyy hh:mm",
  "m/d/yy h:mm": "dd/mm/yyyy hh:mm",
};
const SYSTEM_LONG_DATE = 'dddd, d "de" mmmm "de" yyyy';
const SYSTEM_TIME = "hh:mm:ss";

/** Splits on `;` outside quotes and brackets. */
function splitSections(code: string): string[] {
  const sections: string[] = [];
  let current = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end + 1;
      current += code.slice(i, stop);
      i = stop - 1;
    } else if (ch === "\\") {
      current += code.slice(i, i + 2);
      i++;
    } else if (ch === "[") {
      const end = code.indexOf("]", i + 1);
      const stop = end < 0 ? code.length : end + 1;
      current += code.slice(i, stop);
      i = stop - 1;
    } else if (ch === ";") {
      sections.push(current);
      current = "";
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

const DATE_LETTERS = /[ymdhse]/i;

/** One bracketed part: colour (dropped), locale/currency (`[$R$-416]` → literal `R$`), elapsed time, or condition. */
function bracket(inner: string, section: FormatSection): void {
  if (/^\$/.test(inner)) {
    const [symbol = "", locale = ""] = inner.slice(1).split("-");
    if (symbol) section.tokens.push({ t: "lit", v: symbol });
    if (/^(409|809|c09|1009|en)/i.test(locale)) section.english = true;
    return;
  }
  if (/^(h+|m+|s+)$/i.test(inner)) {
    section.tokens.push({ t: "elapsed", v: inner.toLowerCase() });
    section.isDate = true;
    return;
  }
  if (/^[<>=]/.test(inner)) section.unsupported = true;
  // Anything else is a colour ([Red], [Color10]): no effect on the text.
}

function tokenizeSection(code: string): FormatSection {
  const section: FormatSection = { tokens: [], isDate: false, english: false, unsupported: false };
  const { tokens } = section;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    const rest = code.slice(i);
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end;
      tokens.push({ t: "lit", v: code.slice(i + 1, stop) });
      i = stop;
    } else if (ch === "\\") {
      tokens.push({ t: "lit", v: code[i + 1] ?? "" });
      i++;
    } else if (ch === "_") {
      tokens.push({ t: "lit", v: " " });
      i++;
    } else if (ch === "*") {
      // Fill character: repeated to the column width on screen; once is what a CSV export of the cell shows.
      tokens.push({ t: "lit", v: code[i + 1] ?? "" });
      i++;
    } else if (ch === "[") {
      const end = code.indexOf("]", i + 1);
      const stop = end < 0 ? code.length : end;
      bracket(code.slice(i + 1, stop), section);
      i = stop;
    } else if (ch === "0" || ch === "#" || ch === "?") tokens.push({ t: "ph", v: ch });
    else if (ch === ".") tokens.push({ t: "dot" });
    else if (ch === ",") tokens.push({ t: "comma" });
    else if (ch === "%") tokens.push({ t: "pct" });
    else if (ch === "@") tokens.push({ t: "text" });
    else if (/^general/i.test(rest)) {
      tokens.push({ t: "general" });
      i += 6;
    } else if (/^am\/pm/i.test(rest)) {
      tokens.push({ t: "ampm", am: "AM", pm: "PM" });
      i += 4;
    } else if (/^a\/p/i.test(rest)) {
      tokens.push({ t: "ampm", am: "A", pm: "P" });
      i += 2;
    } else if ((ch === "E" || ch === "e") && /^[eE][+-]/.test(rest)) {
      section.unsupported = true;
      i++;
    } else if (DATE_LETTERS.test(ch)) {
      let run = ch;
      while (i + 1 < code.length && code[i + 1]!.toLowerCase() === ch.toLowerCase()) run += code[++i];
      // `e` is the year in some locales' codes; `b` (Buddhist year) is not supported.
      tokens.push({ t: "date", v: ch.toLowerCase() === "e" ? "yyyy" : run.toLowerCase() });
      section.isDate = true;
    } else tokens.push({ t: "lit", v: ch });
  }
  // A `/` between digit placeholders is a fraction (`# ?/?`), which this reader does not render.
  if (!section.isDate && /[0#?]\s*\/\s*[0-9#?]/.test(code.replace(/"[^"]*"/g, ""))) section.unsupported = true;
  return section;
}

const cache = new Map<string, FormatSection[]>();

/** The sections of a format code, tokenized once per distinct code (a sheet has a handful). */
export function parseFormatCode(code: string): FormatSection[] {
  let sections = cache.get(code);
  if (!sections) {
    let source = REGIONAL[code] ?? code;
    if (/^\[\$-F800\]/i.test(source)) source = SYSTEM_LONG_DATE;
    else if (/^\[\$-F400\]/i.test(source)) source = SYSTEM_TIME;
    sections = splitSections(source).map(tokenizeSection);
    cache.set(code, sections);
  }
  return sections;
}

/**
 * Which section shows a number, and whether its sign is already spelled by the section: `pos;neg;zero;text`. With one
 * section Excel prefixes `-` itself; with a negative section the section's own literals show the sign.
 */
export function sectionFor(sections: FormatSection[], value: number): { section: FormatSection; signed: boolean } {
  const numeric = sections.filter((s, i) => i < 3 && !(i > 0 && s.tokens.some((t) => t.t === "text")));
  if (value < 0 && numeric.length >= 2) return { section: numeric[1]!, signed: true };
  if (value === 0 && numeric.length >= 3) return { section: numeric[2]!, signed: false };
  return { section: numeric[0] ?? sections[0]!, signed: false };
}
