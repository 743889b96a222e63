/** A row problem is a value, not an exception (SPEC §4.4). */
export interface RowProblem {
  /** Spreadsheet row number (header = 1). */
  row: number;
  /** Column the problem is about, when there is one. */
  column?: string;
  /** e.g. ROW_PHONE_INVALID, ROW_VALUE_MISSING, ROW_DUPLICATE_KEY, ROW_TOO_MANY_COLUMNS */
  code: string;
  message: string;
}
