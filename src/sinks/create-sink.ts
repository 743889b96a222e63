import { existsSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { LoadedMapping } from "../mapping/load-mapping.js";
import { keyColumnOf, keyOfCell } from "../mapping/row-key.js";
import { isOpenedSheetsSource, isOpenedXlsxSource, type OpenedSource, type Source } from "../sources/source.js";

export { defaultResultsPath } from "./results-paths.js";
import { createCsvSink, EXCEL_BR_DELIMITER } from "./csv-sink.js";
import { removeStaleTemps } from "./stale-temps.js";
import { createSheetsSink } from "./sheets-sink.js";
import { type Sink } from "./sink.js";
import { DEFAULT_WRITE_BACK, type WriteBackColumns } from "../core/row-result.js";
import { createErrorsSink, withErrorsFile } from "./errors-sink.js";
import { assertResultsPath, defaultResultsPath, errorsPath, planPath } from "./results-paths.js";
import { teeSink } from "./tee-sink.js";
import { createXlsxSink } from "./xlsx-sink.js";
import { removeWorkbookTwin, writeWorkbookTwin } from "./workbook-twin.js";

export interface CreateSinkOptions {
  source: Source;
  opened: OpenedSource;
  mapping: LoadedMapping;
  cwd: string;
  /** Results CSV path; with a sheet source, a CSV is written in addition to the sheet only when this is given. */
  results?: string;
  dryRun: boolean;
}

/**
 * Sheets flush cadence. Results arrive at the ChatGuru rate (~5 rows/s by default) and every flush costs two Sheets
 * calls (re-read the key column, one batchUpdate), so flushing each minute or each 5 000 rows keeps a long run to a
 * few calls — far under the 60 requests/min/user quota — while a person watching the sheet still sees progress.
 */
const SHEETS_FLUSH_EVERY_MS = 60_000;
const SHEETS_FLUSH_EVERY_ROWS = 5_000;

/**
 * The write_back columns of a results (and errors) file. The message slots have no column name unless the mapping
 * sends messages, and are then left out (result-layout).
 */
const RESULT_COLUMNS: Array<keyof WriteBackColumns> = [
  "status",
  "chat_add_id",
  "chat_number",
  "error",
  "synced_at",
  "message_id",
  "message_status",
];

/** A results-like file's sink; its format follows its name: a workbook for `.xlsx`, CSV otherwise. */
export function resultsFileSink(opened: OpenedSource, writeBack: WriteBackColumns) {
  return (path: string, columns: Array<keyof WriteBackColumns>): Sink =>
    extname(path).toLowerCase() === ".xlsx"
      ? createXlsxSink({
          path,
          headers: opened.headers,
          ...(isOpenedXlsxSource(opened) ? { sheetName: opened.sheetName } : {}),
          columns,
          writeBack,
        })
      : createCsvSink({
          path,
          headers: opened.headers,
          delimiter: opened.format?.delimiter ?? EXCEL_BR_DELIMITER,
          columns,
          writeBack,
        });
}

const isCsv = (path: string) => extname(path).toLowerCase() !== ".xlsx";

/**
 * A results (or plan) CSV and its errors CSV get workbook twins when they are closed (workbook-twin.ts: the CSV is the
 * input for a re-run, the workbook is what opens right in Excel pt-BR); an errors file that is gone takes its twin.
 */
function withWorkbookTwins(
  sink: Sink,
  files: { delimiter: string; source: string | undefined; errors?: string; sheetName: string },
): Sink {
  const protect = [files.source];
  return {
    ...sink,
    async close() {
      const closed = await sink.close();
      const { location, errors } = closed;
      const twin = { delimiter: files.delimiter, protect };
      const workbook = isCsv(location)
        ? await writeWorkbookTwin(location, { ...twin, sheetName: files.sheetName })
        : undefined;
      let errorsWorkbook: string | undefined;
      if (errors !== undefined && isCsv(errors))
        errorsWorkbook = await writeWorkbookTwin(errors, { ...twin, sheetName: "Erros" });
      else if (errors === undefined && files.errors !== undefined && isCsv(files.errors))
        await removeWorkbookTwin(files.errors, protect);
      return { ...closed, ...(workbook ? { workbook } : {}), ...(errorsWorkbook ? { errorsWorkbook } : {}) };
    },
  };
}

/**
 * Results go to a file beside the source (or --results) with `<source>.errors.csv` beside it, or — for a Google
 * Sheet — into the sheet's write_back columns (plus a file copy when --results is given). A dry run writes only its
 * plan, `<source>.plan.csv`.
 */

export async function createSink(options: CreateSinkOptions): Promise<Sink> {
  const writeBack = { ...DEFAULT_WRITE_BACK, ...options.mapping.write_back };
  const { opened, source, cwd } = options;
  const results = options.results ? resolve(cwd, options.results) : undefined;
  // Checked before anything is sent: a device, a folder or the source itself is never the results file.
  const sourcePath = source.path && source.path !== "-" ? resolve(cwd, source.path) : undefined;
  const fileSink = resultsFileSink(opened, writeBack);
  const delimiter = opened.format?.delimiter ?? EXCEL_BR_DELIMITER;
  if (options.dryRun) {
    // A dry run never touches the results or errors files (nor a sheet); its plan has a file of its own.
    const plan = planPath(source, cwd, results);
    await assertResultsPath(plan, sourcePath);
    await removeStaleTemps(plan);
    return withWorkbookTwins(fileSink(plan, ["status", "error"]), {
      delimiter,
      source: sourcePath,
      sheetName: "Plano",
    });
  }
  const withErrors = async (path: string): Promise<Sink> => {
    await assertResultsPath(path, sourcePath);
    await removeStaleTemps(path);
    await removeStaleTemps(errorsPath(path, source));
    const errors = createErrorsSink({
      path: errorsPath(path, source),
      open: (at) => fileSink(at, ["status", "error"]),
    });
    const sink = withWorkbookTwins(withErrorsFile(fileSink(path, RESULT_COLUMNS), errors), {
      delimiter,
      source: sourcePath,
      errors: errorsPath(path, source),
      sheetName: "Resultados",
    });
    return existsSync(path) ? { ...sink, replacesExisting: true } : sink;
  };
  if (!isOpenedSheetsSource(opened)) return withErrors(results ?? defaultResultsPath(source, cwd));
  const sheet = createSheetsSink({
    gateway: opened.gateway,
    spreadsheetId: opened.spreadsheetId,
    sheetTitle: opened.sheetTitle,
    sheetId: opened.sheetId,
    headers: opened.headers,
    keyColumn: keyColumnOf(options.mapping),
    keyOf: keyOfCell(options.mapping),
    writeBack,
    flushEveryMs: SHEETS_FLUSH_EVERY_MS,
    flushEveryRows: SHEETS_FLUSH_EVERY_ROWS,
  });
  // A sheet keeps its results in its own columns; an errors file comes with a `--results` copy (kept simple).
  return results ? teeSink(sheet, await withErrors(results)) : sheet;
}
