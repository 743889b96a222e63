import { basename, dirname, extname, join, resolve } from "node:path";
import type { LoadedMapping } from "../mapping/load-mapping.js";
import { normalizePhone, type CountryCode } from "../mapping/phone.js";
import { isOpenedSheetsSource } from "../sources/sheets-source.js";
import type { OpenedSource, Source } from "../sources/source.js";
import { createCsvSink } from "./csv-sink.js";
import { createSheetsSink } from "./sheets-sink.js";
import { DEFAULT_WRITE_BACK, type Sink } from "./sink.js";

export interface CreateSinkOptions {
  source: Source;
  opened: OpenedSource;
  mapping: LoadedMapping;
  cwd: string;
  /** Results CSV path; for a sheet source it is written IN ADDITION to the sheet only when given. */
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

/** Default results file: `<source>.results.csv` beside a CSV source (SPEC §5). */
export function defaultResultsPath(source: Source, cwd: string): string {
  if (!source.path || source.path === "-") return join(cwd, "chatguru-sync.results.csv");
  const ext = extname(source.path);
  return join(dirname(source.path), `${basename(source.path, ext)}.results.csv`);
}

/** The row key exactly as apply-mapping derives it, from a raw key cell (the Sheets sink re-reads the key column). */
export function keyOfCell(mapping: LoadedMapping): (cell: string) => string | undefined {
  const phoneColumn = mapping.phone.column;
  if (mapping.key !== undefined && mapping.key !== phoneColumn) return (cell) => cell.trim() || undefined;
  const country = mapping.phone.default_country as CountryCode;
  return (cell) => {
    const phone = normalizePhone(cell, country);
    return phone.ok ? phone.phone.canonical : undefined;
  };
}

/**
 * Results go to a CSV beside the source (or --results), or — for a Google Sheet — into the sheet's write_back columns.
 * A dry run never writes into a sheet: it writes its plan to a CSV instead.
 */
export async function createSink(options: CreateSinkOptions): Promise<Sink> {
  const writeBack = { ...DEFAULT_WRITE_BACK, ...options.mapping.write_back };
  const { opened } = options;
  if (isOpenedSheetsSource(opened) && !(options.dryRun || options.results)) {
    return createSheetsSink({
      gateway: opened.gateway,
      spreadsheetId: opened.spreadsheetId,
      sheetTitle: opened.sheetTitle,
      sheetId: opened.sheetId,
      headers: opened.headers,
      keyColumn: options.mapping.key ?? options.mapping.phone.column,
      keyOf: keyOfCell(options.mapping),
      writeBack,
      flushEveryMs: SHEETS_FLUSH_EVERY_MS,
      flushEveryRows: SHEETS_FLUSH_EVERY_ROWS,
    });
  }
  const path = options.results ? resolve(options.cwd, options.results) : defaultResultsPath(options.source, options.cwd);
  return createCsvSink({
    path,
    headers: opened.headers,
    delimiter: opened.format?.delimiter ?? ",",
    columns: ["status", "chat_add_id", "chat_number", "error", "synced_at"],
    writeBack,
  });
}
