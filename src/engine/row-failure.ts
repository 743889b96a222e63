import type { RowFailureCode } from "../core/error-codes.js";

/**
 * Why a row failed, as a value the engine records (SPEC §4.4 / ARCHITECTURE "row problems are values"). Thrown only
 * inside the per-row pipeline and caught there; it never escapes a run.
 */
export class RowFailure extends Error {
  override name = "RowFailure" as const;
  constructor(
    readonly code: RowFailureCode,
    message: string,
    readonly action?: string,
  ) {
    super(message);
  }
}

export function isRowFailure(error: unknown, code?: RowFailureCode): error is RowFailure {
  return error instanceof RowFailure && (code === undefined || error.code === code);
}
