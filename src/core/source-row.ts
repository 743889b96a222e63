import type { RowProblem } from "./row-problem.js";

/** One data row of a source. `rowNumber` is the row a spreadsheet user sees (header = 1). */
export interface SourceRow {
  rowNumber: number;
  values: Record<string, string>;
  /** Problems found while reading this row (e.g. more cells than header columns). The row is then `invalid`. */
  problems?: RowProblem[];
}
