import { resolve } from "node:path";
import { createSheetsGateway } from "../sheets/sheets-gateway.js";
import { parseSheetsSpec } from "../sheets/sheets-spec.js";
import { createCsvSource } from "./csv-source.js";
import { createSheetsSource } from "./sheets-source.js";
import type { Source } from "./source.js";
import { createXlsxSource } from "./xlsx-source.js";
import type { Text } from "../core/text.js";

export interface SourceOptions {
  /** CSV encoding (utf-8, windows-1252, latin1…); detected when absent. */
  encoding?: string;
  /** CSV delimiter (`,` `;` tab); sniffed from the header line when absent. */
  delimiter?: string;
  /** Spreadsheet row of the header (`--header-row`): rows above it (report titles) are ignored. @default first non-blank row */
  headerRow?: number;
  /** Google Sheets tab title (with a `sheets:ID` source; wins over a URL's gid), or the worksheet of an .xlsx. */
  sheet?: string;
  /** Environment for Google credentials and SHEETS_API_URL (never read from process.env directly). @default {} */
  env?: Record<string, string | undefined>;
  /** Google Sheets requests per minute (Google's default per-user quota is 60). @default 60 */
  sheetsQuotaPerMinute?: number;
  /** Base directory for relative CSV paths. */
  cwd?: string;
  /** Stream read for the `-` source. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
  /** Something about the file a person should know while it is read (a workbook's uncalculated formulas). */
  /** A warning about the source (formulas without results…); `said` is the same as a catalog Text. */
  onWarning?: (message: string, said?: Text) => void;
}

/**
 * The only place that knows every kind of source: a Google Sheets URL or `sheets:ID`, an `.xlsx`/`.xlsm`
 * workbook, else a CSV path.
 */
export function createSource(spec: string, options: SourceOptions = {}): Source {
  const sheets = parseSheetsSpec(spec, options.sheet);
  if (sheets) {
    return createSheetsSource({
      ...sheets,
      // Built on open(), so `validate --dry-run` style errors about the mapping come first and cost no Google call.
      gateway: () =>
        createSheetsGateway({
          env: options.env ?? {},
          ...(options.sheetsQuotaPerMinute ? { quotaPerMinute: options.sheetsQuotaPerMinute } : {}),
        }),
    });
  }
  const path = spec === "-" ? "-" : resolve(options.cwd ?? process.cwd(), spec);
  if (/\.xls[xm]$/i.test(path)) {
    return createXlsxSource(path, {
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    });
  }
  return createCsvSource(path, {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
    ...(options.stdin ? { stdin: options.stdin } : {}),
  });
}
