import { ConfigError } from "../errors.js";
import type { SheetsGateway } from "../sheets/sheets-gateway.js";
import type { WriteBackColumns } from "../core/row-result.js";
import { text } from "../messages/text.js";

export interface SheetsSinkOptions {
  gateway: SheetsGateway;
  spreadsheetId: string;
  /** The tab title the source resolved (`OpenedSheetsSource.sheetTitle`). */
  sheetTitle: string;
  /** The tab's gid (`OpenedSheetsSource.sheetId`), for the location URL. Looked up when absent and needed. */
  sheetId?: number;
  /** The header row as the source read it (`OpenedSheetsSource.headers`). */
  headers: string[];
  /** The mapping's key column (default: the phone column): rows are found by it, not by position. */
  keyColumn: string;
  /** Normalizes a raw key cell exactly as the mapping does, so it yields `RowResult.key` for that row. */
  keyOf: (rawCell: string) => string | undefined;
  writeBack: WriteBackColumns;
  /** Which write_back columns to fill. @default all of them (the message pair only when the mapping names it) */
  columns?: Array<keyof WriteBackColumns>;
  /** Flush when this long has passed since the last flush (checked on write; no timer). @default 5000 */
  flushEveryMs?: number;
  /** Flush when this many results are buffered. @default 500 */
  flushEveryRows?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * The message pair is part of the default: a mapping that sends messages names those columns (the others' slots have
 * no name and are filtered out below), and a sheet must show which message went out as a results file does.
 */
const ALL_COLUMNS: Array<keyof WriteBackColumns> = [
  "status",
  "chat_add_id",
  "chat_number",
  "error",
  "synced_at",
  "message_id",
  "message_status",
];

/** The options with defaults applied and checked, plus what the first flush needs to know. */
export interface SheetsSinkSettings {
  flushEveryMs: number;
  flushEveryRows: number;
  now: () => number;
  columns: Array<keyof WriteBackColumns>;
  /** Header names of `columns`, in the same order. */
  columnNames: string[];
  /** Where the key column was when the source read the header; each flush re-checks. */
  keyIndex: number;
}

/** Rejects settings that would misbehave later: a flush that never fires, or a write_back over the key column. */
export function checkSheetsSinkOptions(options: SheetsSinkOptions): SheetsSinkSettings {
  const { sheetTitle, keyColumn } = options;
  const flushEveryMs = options.flushEveryMs ?? 5000;
  const flushEveryRows = options.flushEveryRows ?? 500;
  if (!Number.isInteger(flushEveryRows) || flushEveryRows < 1) {
    throw new RangeError(
      `Expected \`flushEveryRows\` to be a whole number from 1 and up, got \`${flushEveryRows}\` (${typeof flushEveryRows})`,
    );
  }
  if (!(flushEveryMs >= 0)) {
    throw new RangeError(
      `Expected \`flushEveryMs\` to be a number from 0 and up, got \`${flushEveryMs}\` (${typeof flushEveryMs})`,
    );
  }
  // The message columns exist only when the mapping sends messages; a slot without a name is not written (as in csv-sink).
  const columns = (options.columns ?? ALL_COLUMNS).filter((c) => options.writeBack[c] !== undefined);
  const columnNames = columns.map((c) => options.writeBack[c]!);
  if (columnNames.includes(keyColumn)) {
    throw new ConfigError(
      "MAPPING_WRITE_BACK_KEY",
      text("writeBack.overwritesKey", { column: keyColumn, tab: sheetTitle }),
    );
  }
  const keyIndex = options.headers.indexOf(keyColumn);
  if (keyIndex === -1) {
    throw new ConfigError(
      "MAPPING_UNKNOWN_COLUMN",
      text("writeBack.keyNotInHeader", { column: keyColumn, tab: sheetTitle }),
    );
  }
  return { flushEveryMs, flushEveryRows, now: options.now ?? Date.now, columns, columnNames, keyIndex };
}
