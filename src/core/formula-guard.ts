/**
 * OWASP "CSV injection": Excel runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which
 * it skips before one) as a formula when it opens a CSV — `+55 (11) 99363-9779` becomes a formula error, and a cell
 * that echoes `=HYPERLINK(…)` becomes a link. Every CSV the tool writes for a person (results, errors, plan) writes
 * such a cell with a leading `'`, which Excel shows as text; every CSV the tool reads takes that `'` off again, so a
 * file fed back (the errors file, above all) reads exactly as the input it came from.
 *
 * The rule is reversible: a cell that already starts with quotes before such a character gets one more, and reading
 * takes exactly one off. Workbooks (cells typed as text) and Google Sheets (written RAW) need none of it.
 */

const FORMULA_START: ReadonlySet<number> = new Set([..."=+-@\t\r"].map((c) => c.charCodeAt(0)));
const QUOTE = 39; // '

/** Whether `value` is (quotes, then) a formula start: the cells the guard marks. */
function marked(value: string): boolean {
  let i = 0;
  while (value.charCodeAt(i) === QUOTE) i++;
  return FORMULA_START.has(value.charCodeAt(i));
}

/** A cell as written to a CSV a person may open in Excel. A look at the first character: it runs on every cell. */
export function guardFormula(value: string): string {
  const first = value.charCodeAt(0);
  if (FORMULA_START.has(first)) return `'${value}`;
  return first === QUOTE && marked(value) ? `'${value}` : value;
}

/** A cell as read from a CSV: the guard's `'` taken off. */
export function unguardFormula(value: string): string {
  return value.charCodeAt(0) === QUOTE && marked(value) ? value.slice(1) : value;
}
