import { ConfigError } from "../errors.js";
import { text } from "../messages/text.js";

const CANDIDATES = [";", ",", "\t"] as const;

/** Counts of each candidate outside quotes on the first record of `text`. */
function countOnFirstRecord(text: string): Map<string, number> {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return counts;
}

function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    const count = counts.get(candidate)!;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Picks the delimiter of the header line: the most frequent of `;` `,` tab outside quotes on the first
 * record. Ties go to `;` — a comma inside a Brazilian header ("Cidade, UF") is likelier than a semicolon inside a
 * comma file. A header with none of them is a one-column file; `,` is as good as any.
 */
export function sniffDelimiter(text: string): string {
  return mostFrequent(countOnFirstRecord(text)) ?? ",";
}

/** `text` after its first `count` records (quoted line breaks stay inside their record; CRLF is one break). */
export function skipRecords(text: string, count: number): string {
  let quoted = false;
  let skipped = 0;
  for (let i = 0; i < text.length && skipped < count; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) {
      if (c === "\r" && text[i + 1] === "\n") i++;
      if (++skipped === count) return text.slice(i + 1);
    }
  }
  return skipped >= count ? text : "";
}

/** Lines the header search looks at for a delimiter when the first line has none (a title typed by hand). */
const SNIFF_LINES = 10;

/**
 * The delimiter of the header: on row `headerRow` when given (`--header-row`), else on the first non-blank line, or —
 * when that line has no candidate at all, as a title row typed above the table — on the first of the next lines
 * that has one, so the title check can see the table's columns and suggest `--header-row`.
 */
export function sniffHeaderDelimiter(text: string, headerRow?: number): string {
  if (headerRow !== undefined) return sniffDelimiter(skipRecords(text, headerRow - 1));
  const dropBlank = (t: string) => t.replace(/^\s*[\r\n]+/, "");
  let rest = dropBlank(text);
  for (let line = 0; line < SNIFF_LINES && rest !== ""; line++) {
    const found = mostFrequent(countOnFirstRecord(rest));
    if (found) return found;
    rest = dropBlank(skipRecords(rest, 1));
  }
  return ",";
}

const NAMED: Record<string, string> = { tab: "\t", "\\t": "\t", "\t": "\t", semicolon: ";", comma: ",", pipe: "|" };

/** `--delimiter` value → the character: `;` `,` `|`, or `tab` / `\t` for tab. */
export function normalizeDelimiter(value: string): string {
  const named = NAMED[value.toLowerCase()];
  if (named) return named;
  if (value.length === 1 && value !== '"' && value !== "\n" && value !== "\r") return value;
  throw new ConfigError("SOURCE_DELIMITER_INVALID", text("source.delimiterInvalid", { value: JSON.stringify(value) }), {
    context: { delimiter: value },
  });
}
