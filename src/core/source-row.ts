import type { RowProblem } from "./row-problem.js";

/** One data row of a source. `rowNumber` is the row a spreadsheet user sees (header = 1). */
export interface SourceRow {
  rowNumber: number;
  values: Record<string, string>;
  /** Problems found while reading this row (e.g. more cells than header columns). The row is then `invalid`. */
  problems?: RowProblem[];
}

/**
 * A row's cells by header name. The object has no prototype: a column named `__proto__`,
 * `constructor` or `toString` is then a column like any other — on a plain `{}` the first would set the prototype
 * (the cell lost, every read of it an object) and the others would read as functions when the header lacks them.
 */
export function cellsByHeader(headers: readonly string[], cells: readonly string[]): Record<string, string> {
  const values = Object.create(null) as Record<string, string>;
  for (let i = 0; i < headers.length; i++) values[headers[i]!] = cells[i] ?? "";
  return values;
}
