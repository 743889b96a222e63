import type { SourceRow } from "../core/source-row.js";

/** Format facts a CSV source detected; the results file reuses them so Excel-BR opens it the same way. */
export interface SourceFormat {
  delimiter: string;
  encoding: string;
}

export interface OpenedSource {
  headers: string[];
  rows: AsyncIterable<SourceRow>;
  format?: SourceFormat;
  /** Releases file handles / sockets; safe to call twice. */
  close(): Promise<void>;
}

/**
 * A source of contact rows (SPEC §4.1). Memory stays flat: rows are pulled one at a time.
 */
export interface Source {
  readonly kind: "csv" | "sheets";
  /** Stable identity used to derive the state file id: absolute CSV path, `-` for stdin, or `sheets:ID#Tab`. */
  readonly id: string;
  /** Human label for messages. */
  readonly label: string;
  /** Path of the CSV file, if any (the default results file sits beside it). */
  readonly path?: string;
  open(): Promise<OpenedSource>;
}
