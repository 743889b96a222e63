import type { RowProblemCode } from "./error-codes.js";

/** A row problem is a value, not an exception (SPEC §4.4). */
export interface RowProblem {
  /** Spreadsheet row number (header = 1). */
  row: number;
  /** Column the problem is about, when there is one. */
  column?: string;
  code: RowProblemCode;
  message: string;
}
