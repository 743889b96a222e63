import type { RowResult } from "../core/row-result.js";
import type { Text } from "../core/text.js";

/**
 * Where row outcomes go: a results CSV beside the source, or the write_back columns of a Google Sheet.
 * `write` may be called in any order; `close` makes the output durable (atomic for files) and returns where it went.
 */
export interface Sink {
  /** The sink addresses rows by key and needs `key` + `keyOrdinal` on every result whose key cell parses. */
  readonly wantsKeyOrdinal?: boolean;
  /** The results file already exists: close() replaces what an earlier run wrote (kept when a run changed nothing). */
  readonly replacesExisting?: boolean;
  write(result: RowResult): void | Promise<void>;
  /** Finishes the output. Called on success AND on abort (rows never reached are written without a status). */
  close(): Promise<{
    location: string;
    /** Said as warnings after the run, in English. */
    notes?: string[];
    /** The same notes as catalog Texts, in the same order, for the person's language. */
    noteTexts?: Text[];
    /** The errors-only file, when one was written. */ errors?: string;
    /** The workbook twin of a results (or plan) CSV, to open in Excel (workbook-twin.ts). */
    workbook?: string;
    /** The workbook twin of the errors CSV. */
    errorsWorkbook?: string;
  }>;
  /** Drops partial output (temp files) without touching the destination. */
  discard(): Promise<void>;
}
