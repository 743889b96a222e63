import { rm } from "node:fs/promises";
import { replaceFile } from "../util/durable-fs.js";
import ExcelJS from "exceljs";
import type { WriteBackColumns } from "../core/row-result.js";
import { resultLayout } from "./result-layout.js";
import { orderedResultsSink } from "./ordered-results-sink.js";
import { tempPathBeside } from "./results-file.js";
import type { Sink } from "./sink.js";

export interface XlsxSinkOptions {
  /** Destination workbook; replaced atomically on close. */
  path: string;
  /** The input header, in order: every input column is copied through. */
  headers: string[];
  /** Worksheet name (the input worksheet's, so the results look like the input). @default "Resultados" */
  sheetName?: string;
  /** Which write_back columns to add, in this order. */
  columns: Array<keyof WriteBackColumns>;
  /** Column names of the write_back slots. */
  writeBack: WriteBackColumns;
}

/** Excel's limits: 31 characters and none of `: \ / ? * [ ]` in a worksheet name. */
function safeSheetName(name: string | undefined): string {
  const clean = (name ?? "")
    .replace(/[:\\/?*[\]]/g, " ")
    .slice(0, 31)
    .trim();
  return clean || "Resultados";
}

interface WriterInternals {
  zip?: { abort?: () => void };
  stream?: NodeJS.WritableStream & { destroy?: () => void; closed?: boolean };
}

/**
 * The results workbook: the same columns and rows as the results CSV (see csv-sink.ts: every input
 * column, then the write_back columns — an existing column of that name is reused — rows in INPUT order whatever order
 * `write` is called in), in one worksheet. Streamed with exceljs's WorkbookWriter (each row is committed, so memory
 * stays flat) to a temp file beside the destination, renamed over it on close: never half-written.
 *
 * Every cell is written as text, never a number or formula: a phone stays `5511987654321` (not `5,51E+12`), and a
 * value starting with `=` that came from a cell or an API error can never run as a formula.
 */
export function createXlsxSink(options: XlsxSinkOptions): Sink {
  const { path, headers } = options;
  const temp = tempPathBeside(path);
  const { outputHeaders, record } = resultLayout(headers, options.columns, options.writeBack);

  // Inline strings, no shared-string table: the table would grow with every distinct value (memory on 100 000 rows).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: temp,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName));
  const internals = workbook as unknown as WriterInternals;
  // Without a listener a failing file (disk full, folder removed) would crash the process with an 'error' event.
  let failure: Error | undefined;
  internals.stream?.on("error", (error: Error) => {
    failure ??= error;
  });
  sheet.addRow(outputHeaders).commit();

  return orderedResultsSink(path, {
    get failure() {
      return failure;
    },
    write(result) {
      sheet.addRow(record(result)).commit();
      return true;
    },
    drained: () => Promise.resolve(),
    async finish() {
      await replaceFile(path, temp, async () => {
        sheet.commit();
        await workbook.commit();
        if (failure) throw failure;
      });
    },
    async discard() {
      await new Promise<void>((resolve) => {
        const file = internals.stream;
        if (!file || file.closed) return resolve();
        file.once("close", () => resolve());
        internals.zip?.abort?.();
        file.destroy?.();
      });
      await rm(temp, { force: true });
    },
  });
}
