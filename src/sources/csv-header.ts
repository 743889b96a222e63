import { ConfigError } from "../errors.js";
import { printable } from "../util/printable.js";
import type { RecordCursor } from "./csv-records.js";
import { unguardFormula } from "../core/formula-guard.js";
import { checkHeader } from "./header-check.js";
import { text } from "../messages/text.js";

/** Rows the title check reads ahead (a report's title, date line and blank line rarely take more). */
export const TITLE_LOOKAHEAD_ROWS = 10;

const filled = (cells: readonly string[]) => cells.filter((cell) => cell.trim() !== "").length;

export interface CsvHeader {
  headers: string[];
  /** Spreadsheet row of the header. */
  row: number;
}

/**
 * Finds and checks the header. With `headerRow` it is that row and everything above is ignored (report titles).
 * Without, it is the first non-blank row (leading blank lines still count as rows, as Excel shows them) — unless that
 * row looks like a title: one filled cell while a row within the first ten has several. Then guessing where the table
 * starts could map the wrong columns, so it is an error suggesting `--header-row` with the row the table seems to
 * start on.
 */
export async function readCsvHeader(cursor: RecordCursor, label: string, headerRow?: number): Promise<CsvHeader> {
  if (headerRow !== undefined) return readHeaderAt(cursor, label, headerRow);
  let cells: string[] | undefined;
  let row = 0;
  do {
    cells = await cursor.next();
    row++;
  } while (cells !== undefined && filled(cells) === 0);
  if (cells === undefined) {
    throw new ConfigError("SOURCE_EMPTY", text("source.empty", { label }));
  }
  if (filled(cells) === 1) {
    const ahead: string[][] = [];
    while (row + ahead.length < TITLE_LOOKAHEAD_ROWS) {
      const next = await cursor.next();
      if (next === undefined) break;
      ahead.push(next);
    }
    const table = ahead.findIndex((r) => filled(r) >= 2);
    if (table >= 0) throw titleRowError(label, row, cells, row + 1 + table, filled(ahead[table]!));
    cursor.unread(ahead);
  }
  return { headers: checkHeader(cells.map(unguardFormula), { label, row }), row };
}

async function readHeaderAt(cursor: RecordCursor, label: string, headerRow: number): Promise<CsvHeader> {
  for (let row = 1; row <= headerRow; row++) {
    const cells = await cursor.next();
    if (cells === undefined) {
      throw new ConfigError("SOURCE_EMPTY", text("source.tooFewRows", { label, rows: row - 1, headerRow }), {
        context: { headerRow, rows: row - 1 },
      });
    }
    if (row === headerRow) return { headers: checkHeader(cells.map(unguardFormula), { label, row }), row };
  }
  throw new RangeError(`Expected a header row from 1 and up, got ${headerRow}`);
}

function titleRowError(label: string, row: number, title: string[], tableRow: number, columns: number): ConfigError {
  const words = title.find((cell) => cell.trim() !== "")!.trim();
  return new ConfigError(
    "SOURCE_HEADER_TITLE",
    text("source.titleRow", { label, row, title: printable(words), tableRow, columns }),
    { context: { row, suggestedHeaderRow: tableRow } },
  );
}
