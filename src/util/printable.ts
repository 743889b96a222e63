/** Longest value a message quotes in full; a CSV cell can be 100 kB (or a whole file on one line). */
export const PRINTABLE_MAX_CHARS = 80;

// C0/C1 controls, DEL, and the invisible format characters that can reorder or hide text in a terminal
// (bidi overrides U+202A–U+202E and U+2066–U+2069, zero-width U+200B–U+200F, line/paragraph separators).
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escape(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * A value from a file made safe to put in a message: control characters escaped (`\x1b`, `\n`…) so a cell can never
 * drive the terminal, and anything longer than `max` characters cut to `max` with "…(N chars)" giving the full length.
 */
export function printable(value: string, max: number = PRINTABLE_MAX_CHARS): string {
  // Cut before escaping so a 50 MB value costs only `max` characters of work.
  let cut = value.length > max ? value.slice(0, max) : value;
  // Never leave half of a surrogate pair (an emoji) at the cut.
  if (cut.length < value.length && /[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const escaped = cut.replace(UNPRINTABLE, escape);
  return value.length > max ? `${escaped}…(${value.length} chars)` : escaped;
}
