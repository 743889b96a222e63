import type { RowProblemCode } from "./error-codes.js";
import type { Text } from "./text.js";

/** A row problem is a value, not an exception. */
export interface RowProblem {
  /** Spreadsheet row number (header = 1). */
  row: number;
  /** Column the problem is about, when there is one. */
  column?: string;
  code: RowProblemCode;
  /** English (results files, --json). */
  message: string;
  /** `message` as a catalog Text, for the person's language (attached not enumerable: core/text.ts attachText). */
  readonly text?: Text;
}
