import { guardFormula } from "../core/formula-guard.js";
import type { Sink } from "./sink.js";
import type { WriteBackColumns } from "../core/row-result.js";
import { AtomicCsvFile } from "./atomic-csv-file.js";
import { resultLayout } from "./result-layout.js";
import { orderedResultsSink } from "./ordered-results-sink.js";

/**
 * A CSV written for a workbook or a sheet has no source delimiter to follow: `;`, the list separator of Excel in
 * Portuguese (Brazil), so the file opens in columns rather than as one.
 */
export const EXCEL_BR_DELIMITER = ";";

export interface CsvSinkOptions {
  /** Destination results file; replaced atomically on close. */
  path: string;
  /** The input header, in order: every input column is copied through. */
  headers: string[];
  /** The source's delimiter, so Excel-BR opens the results the way it opened the input. @default "," */
  delimiter?: string;
  /** Which write_back columns to add, in this order. */
  columns: Array<keyof WriteBackColumns>;
  /** Column names of the write_back slots. */
  writeBack: WriteBackColumns;
}

/**
 * Every cell — input columns too — as Excel must show it: a value starting like a formula gets the guard's `'`, which
 * the CSV source takes off when the file is fed back (core/formula-guard.ts). In place: the record is this row's own.
 */
function guarded(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) cells[i] = guardFormula(cells[i]!);
  return cells;
}

/**
 * The results CSV: every input column plus the chosen write_back columns, rows in INPUT order whatever order
 * `write` is called in (a small buffer keyed by `seq` holds rows until their turn), UTF-8 with BOM + the source's
 * delimiter + CRLF so Excel-BR opens it. Streamed to a temp file in the destination's directory and renamed over the
 * destination on close, so the destination is either the old file or the complete new one, never half-written.
 *
 * A write_back column whose name already exists in the input (re-running on a results file) reuses that column, and
 * holds THIS run's value ("" when this run has none for the row).
 */
export function createCsvSink(options: CsvSinkOptions): Sink {
  const { path } = options;
  const layout = resultLayout(options.headers, options.columns, options.writeBack);
  const file = new AtomicCsvFile(path, options.delimiter ?? ",");
  file.write(guarded([...layout.outputHeaders]));

  return orderedResultsSink(path, {
    get failure() {
      return file.failure;
    },
    write: (result) => file.write(guarded(layout.record(result))),
    drained: () => file.drained(),
    finish: () => file.finish(),
    discard: () => file.discard(),
  });
}
