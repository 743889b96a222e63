import type { RowResult } from "../core/row-result.js";
import { resultsWriteError } from "./results-file.js";
import { SeqOrder } from "./seq-order.js";
import type { Sink } from "./sink.js";

/** A results file being written to a temp path: what the CSV and the workbook writers each provide. */
export interface ResultsFileWriter {
  /** A write error seen so far (disk full, folder removed), if any. */
  readonly failure: Error | undefined;
  /** Appends one row; false when the writer wants the caller to wait for `drained()`. */
  write(result: RowResult): boolean;
  drained(): Promise<void>;
  /** Completes the file and renames it over the destination (removing the temp file on failure). */
  finish(): Promise<void>;
  /** Drops the temp file without touching the destination. */
  discard(): Promise<void>;
}

/**
 * The sink shell shared by the results CSV and workbook: rows leave in INPUT order whatever order `write` is
 * called in (SeqOrder holds early ones until their turn), a closed or discarded sink refuses writes, and every write
 * failure is reported as RESULTS_WRITE_FAILED naming `path`.
 */
export function orderedResultsSink(path: string, file: ResultsFileWriter): Sink {
  const order = new SeqOrder();
  let state: "open" | "closed" | "discarded" = "open";
  return {
    write(result) {
      if (state !== "open") throw new Error(`results sink for ${path} is already ${state}`);
      if (file.failure) throw resultsWriteError(path, file.failure);
      let ok = true;
      if (order.next(result)) ok = file.write(result);
      else for (const ready of order.add(result)) ok = file.write(ready) && ok;
      if (!ok) return file.drained();
    },
    async close() {
      if (state !== "open") throw new Error(`results sink for ${path} is already ${state}`);
      state = "closed";
      for (const rest of order.drain()) file.write(rest);
      try {
        await file.finish();
      } catch (error) {
        throw resultsWriteError(path, error as Error);
      }
      return { location: path };
    },
    async discard() {
      if (state !== "open") return;
      state = "discarded";
      order.clear();
      await file.discard();
    },
  };
}
