import type { RowFailureCode } from "../../core/error-codes.js";
import { english } from "../../messages/translate.js";
import { text as rawText, type Text } from "../../messages/text.js";

/**
 * Why a row failed, as a value the engine records: row problems are values, run failures are thrown. Thrown only
 * inside the per-row pipeline and caught there; it never escapes a run.
 */
export class RowFailure extends Error {
  override name = "RowFailure" as const;
  /** The message as catalog key + parameters; `.message` is its English. */
  readonly text: Text;
  constructor(
    readonly code: RowFailureCode,
    message: string | Text,
    readonly action?: string,
  ) {
    super(english(message));
    this.text = typeof message === "string" ? rawText("raw", { text: message }) : message;
  }
}

export function isRowFailure(error: unknown, code?: RowFailureCode): error is RowFailure {
  return error instanceof RowFailure && (code === undefined || error.code === code);
}
