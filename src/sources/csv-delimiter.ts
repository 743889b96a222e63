import { ConfigError } from "../errors.js";

const CANDIDATES = [";", ",", "\t"] as const;

/**
 * Picks the delimiter of the header line (SPEC §4.1): the most frequent of `;` `,` tab outside quotes on the first
 * record. Ties go to `;` — a comma inside a Brazilian header ("Cidade, UF") is likelier than a semicolon inside a
 * comma file. A header with none of them is a one-column file; `,` is as good as any.
 */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ",";
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

const NAMED: Record<string, string> = { tab: "\t", "\\t": "\t", "\t": "\t", semicolon: ";", comma: ",", pipe: "|" };

/** `--delimiter` value → the character: `;` `,` `|`, or `tab` / `\t` for tab. */
export function normalizeDelimiter(value: string): string {
  const named = NAMED[value.toLowerCase()];
  if (named) return named;
  if (value.length === 1 && value !== '"' && value !== "\n" && value !== "\r") return value;
  throw new ConfigError(
    "SOURCE_DELIMITER_INVALID",
    `Invalid delimiter ${JSON.stringify(value)}: use one character such as ";" or ",", or "tab".`,
    { context: { delimiter: value } },
  );
}
