/**
 * Why a row failed, as a value the engine records (SPEC §4.4 / ARCHITECTURE "row problems are values"). Thrown only
 * inside the per-row pipeline and caught there; it never escapes a run.
 */
export class RowFailure extends Error {
  override name = "RowFailure" as const;
  constructor(
    /** CHAT_NOT_FOUND, FIELD_NOT_CONFIGURED, INITIAL_MESSAGE_INVALID, CHAT_ADD_REFUSED, ADD_UNCERTAIN, CHATGURU_UNAVAILABLE… */
    readonly code: string,
    message: string,
    readonly action?: string,
  ) {
    super(message);
  }
}

export function isRowFailure(error: unknown, code?: string): error is RowFailure {
  return error instanceof RowFailure && (code === undefined || error.code === code);
}
