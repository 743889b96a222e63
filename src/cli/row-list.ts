import { UsageError } from "../errors.js";
import { text } from "../messages/text.js";

/** More rows than any sheet a person checks by hand: a typo such as `2-200000000` is refused, not expanded. */
const MAX_ROWS = 100_000;

/**
 * `--release-held` / `--resolve`: given alone, every row (`true`); with a value, the spreadsheet rows it names —
 * `5`, `5,12`, `20-25`, or a mix (`5, 12, 20-25`), the numbers the summary and the results show. Absent: `false`.
 */
export function rowListFlag(args: Record<string, unknown>, flag: string): boolean | number[] {
  const value = args[flag];
  if (value === undefined || value === false) return false;
  if (value === true || (typeof value === "string" && value.trim() === "")) return true;
  if (Array.isArray(value)) {
    throw new UsageError(text("cli.rowsGivenTwice", { flag, times: value.length }), { code: "USAGE_FLAG_INVALID" });
  }
  const typed = String(value);
  const rows = new Set<number>();
  for (const part of typed.split(/[\s,;]+/).filter(Boolean)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = range ? Number(range[1]) : NaN;
    const to = range?.[2] !== undefined ? Number(range[2]) : from;
    if (!range || from < 1 || to < from || rows.size + (to - from) >= MAX_ROWS) {
      throw new UsageError(text("cli.rowsInvalid", { flag, value: typed }), { code: "USAGE_FLAG_INVALID" });
    }
    for (let row = from; row <= to; row++) rows.add(row);
  }
  return [...rows];
}
