import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import type { LoadedMapping } from "../mapping/load-mapping.js";
import { keyColumnOf, keyOfCell } from "../mapping/row-key.js";
import { isOpenedSheetsSource, isOpenedXlsxSource, type OpenedSource, type Source } from "../sources/source.js";
import { createCsvSink } from "./csv-sink.js";
import { createSheetsSink } from "./sheets-sink.js";
import { type Sink } from "./sink.js";
import { DEFAULT_WRITE_BACK } from "../core/row-result.js";
import { teeSink } from "./tee-sink.js";
import { createXlsxSink } from "./xlsx-sink.js";

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

/** Checked before anything is sent: a results path that cannot be written is a usage error (exit 2), not a late abort. */
async function assertWritableDir(path: string): Promise<void> {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw new ConfigError(
      "RESULTS_DIR_UNWRITABLE",
      `Cannot write the results file ${path}: its folder does not exist or is not writable. Create it or pass another --results.`,
      {
        cause: error,
      },
    );
  }
}

/** Default results file: `<source>.results.csv` beside a CSV source, `<source>.results.xlsx` beside a workbook (SPEC §5). */
export function defaultResultsPath(source: Source, cwd: string): string {
  if (!source.path || source.path === "-") return join(cwd, "chatguru-sync.results.csv");
  const ext = extname(source.path);
  return join(dirname(source.path), `${basename(source.path, ext)}.results.${source.kind === "xlsx" ? "xlsx" : "csv"}`);
}

/**
 * Results go to a CSV beside the source (or --results), or — for a Google Sheet — into the sheet's write_back columns.
 * A dry run never writes into a sheet: it writes its plan to a CSV instead. With a sheet, `--results` adds a CSV copy.
 */
export async function createSink(options: CreateSinkOptions): Promise<Sink> {
  const writeBack = { ...DEFAULT_WRITE_BACK, ...options.mapping.write_back };
  const { opened } = options;
  const path = options.results
    ? resolve(options.cwd, options.results)
    : defaultResultsPath(options.source, options.cwd);
  const csv = async () => {
    await assertWritableDir(path);
    // The results file's format follows its name: a workbook for `.xlsx` (SPEC §4.1), CSV otherwise.
    if (extname(path).toLowerCase() === ".xlsx") {
      return createXlsxSink({
        path,
        headers: opened.headers,
        ...(isOpenedXlsxSource(opened) ? { sheetName: opened.sheetName } : {}),
        columns: ["status", "chat_add_id", "chat_number", "error", "synced_at"],
        writeBack,
      });
    }
    return createCsvSink({
      path,
      headers: opened.headers,
      delimiter: opened.format?.delimiter ?? ",",
      columns: ["status", "chat_add_id", "chat_number", "error", "synced_at"],
      writeBack,
    });
  };
  if (!isOpenedSheetsSource(opened) || options.dryRun) return csv();
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
  return options.results ? teeSink(sheet, await csv()) : sheet;
}
