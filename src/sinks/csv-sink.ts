import { ConfigError } from "../errors.js";
import type { Sink } from "./sink.js";
import type { RowResult, WriteBackColumns } from "../core/row-result.js";
import { AtomicCsvFile } from "./atomic-csv-file.js";
import { resultLayout } from "./result-layout.js";

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
 * The results CSV (SPEC §5): every input column plus the chosen write_back columns, rows in INPUT order whatever order
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
  file.write(layout.outputHeaders);

  const pending = new Map<number, RowResult>();
  let nextSeq = 0;
  let state: "open" | "closed" | "discarded" = "open";

  /** Writes the contiguous run of rows starting at nextSeq; returns false when the file wants us to wait. */
  const flushReady = (): boolean => {
    let ok = true;
    for (let result = pending.get(nextSeq); result !== undefined; result = pending.get(nextSeq)) {
      pending.delete(nextSeq);
      nextSeq++;
      ok = file.write(layout.record(result)) && ok;
    }
    return ok;
  };

  const writeError = (error: Error) =>
    new ConfigError("RESULTS_WRITE_FAILED", `Could not write the results file ${path}: ${error.message}`, {
      cause: error,
      context: { path },
    });

  return {
    write(result) {
      if (state !== "open") throw new Error(`results sink for ${path} is already ${state}`);
      if (file.failure) throw writeError(file.failure);
      if (result.seq < nextSeq || pending.has(result.seq))
        throw new Error(`results row seq ${result.seq} written twice`);
      pending.set(result.seq, result);
      if (result.seq !== nextSeq) return;
      if (!flushReady()) return file.drained();
    },
    async close() {
      if (state !== "open") throw new Error(`results sink for ${path} is already ${state}`);
      state = "closed";
      // Gaps (rows an aborted run never reported) must not hold the rest back: write what we have, in seq order.
      for (const seq of [...pending.keys()].sort((a, b) => a - b)) file.write(layout.record(pending.get(seq)!));
      pending.clear();
      try {
        await file.finish();
      } catch (error) {
        throw writeError(error as Error);
      }
      return { location: path };
    },
    async discard() {
      if (state !== "open") return;
      state = "discarded";
      pending.clear();
      await file.discard();
    },
  };
}
