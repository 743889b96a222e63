import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { stringify, type Stringifier } from "csv-stringify";
import { ConfigError } from "../errors.js";
import { resultLayout } from "./result-layout.js";
import type { Sink } from "./sink.js";
import type { RowResult, WriteBackColumns } from "../core/row-result.js";

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
  const { path, headers } = options;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const { outputHeaders, resultAt } = resultLayout(headers, options.columns, options.writeBack);
  const width = outputHeaders.length;
  const inputWidth = headers.length;

  const stringifier: Stringifier = stringify({
    delimiter: options.delimiter ?? ",",
    record_delimiter: "windows",
    bom: true,
    // csv-stringify only quotes the record delimiter itself ("\r\n"); a lone "\n" inside a value would split the row in Excel.
    quoted_match: /[\r\n]/,
  });
  const file: WriteStream = createWriteStream(temp, { flags: "wx" });
  stringifier.pipe(file);
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };
  file.on("error", fail);
  stringifier.on("error", fail);
  stringifier.write(outputHeaders);

  const pending = new Map<number, RowResult>();
  let nextSeq = 0;
  let state: "open" | "closed" | "discarded" = "open";

  const record = (result: RowResult): string[] => {
    const cells = new Array<string>(width);
    for (let i = 0; i < inputWidth; i++) cells[i] = result.values[headers[i]!] ?? "";
    for (let i = inputWidth; i < width; i++) cells[i] = "";
    for (const { index, field } of resultAt) cells[index] = (result[field] as string | undefined) ?? "";
    return cells;
  };

  /** Writes the contiguous run of rows starting at nextSeq; returns false when the file wants us to wait. */
  const flushReady = (): boolean => {
    let ok = true;
    for (let result = pending.get(nextSeq); result !== undefined; result = pending.get(nextSeq)) {
      pending.delete(nextSeq);
      nextSeq++;
      ok = stringifier.write(record(result)) && ok;
    }
    return ok;
  };

  // One shared wait for every writer that hit backpressure: a listener per waiting row would pile up past Node's
  // listener limit (hundreds of MaxListenersExceededWarning lines on a fast unchanged re-run).
  let draining: Promise<void> | undefined;
  const drained = () =>
    (draining ??= new Promise<void>((resolve) => {
      const done = () => {
        stringifier.off("drain", done);
        file.off("error", done);
        draining = undefined;
        resolve();
      };
      stringifier.once("drain", done);
      file.once("error", done);
    }));

  const finishFile = () =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      file.once("close", () => (failure ? reject(failure) : resolve()));
      file.once("error", reject);
      stringifier.end();
    });

  const writeError = (error: Error) =>
    new ConfigError("RESULTS_WRITE_FAILED", `Could not write the results file ${path}: ${error.message}`, {
      cause: error,
      context: { path },
    });

  return {
    write(result) {
      if (state !== "open") throw new Error(`results sink for ${path} is already ${state}`);
      if (failure) throw writeError(failure);
      if (result.seq < nextSeq || pending.has(result.seq))
        throw new Error(`results row seq ${result.seq} written twice`);
      pending.set(result.seq, result);
      if (result.seq !== nextSeq) return;
      if (!flushReady()) return drained();
    },
    async close() {
      if (state !== "open") throw new Error(`results sink for ${path} is already ${state}`);
      state = "closed";
      // Gaps (rows an aborted run never reported) must not hold the rest back: write what we have, in seq order.
      for (const seq of [...pending.keys()].sort((a, b) => a - b)) {
        stringifier.write(record(pending.get(seq)!));
      }
      pending.clear();
      try {
        await finishFile();
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw writeError(error as Error);
      }
      return { location: path };
    },
    async discard() {
      if (state !== "open") return;
      state = "discarded";
      pending.clear();
      stringifier.unpipe(file);
      stringifier.destroy();
      await new Promise<void>((resolve) => {
        if (file.closed) return resolve();
        file.once("close", () => resolve());
        file.destroy();
      });
      await rm(temp, { force: true });
    },
  };
}
