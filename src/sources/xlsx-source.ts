import { basename, resolve } from "node:path";
import ExcelJS from "exceljs";
import { ConfigError } from "../errors.js";
import { cellsByHeader, type SourceRow } from "../core/source-row.js";
import { printable } from "../util/printable.js";
import { TITLE_LOOKAHEAD_ROWS } from "./csv-header.js";
import { checkHeaderRow } from "./csv-source.js";
import { checkHeader } from "./header-check.js";
import type { OpenedXlsxSource, Source } from "./source.js";
import { cellText } from "./xlsx-cell-text.js";
import { assertXlsxFile } from "./xlsx-file-kind.js";
import { assertSourceFile } from "./source-file.js";
import { openWorksheet, unreadable } from "./xlsx-workbook.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

export interface XlsxSourceOptions {
  /** Worksheet (tab) name. @default the first visible worksheet */
  sheet?: string;
  /** The worksheet row holding the header; rows above it (titles, notes) are ignored. @default the first non-empty row */
  headerRow?: number;
  /** Something about the file a person should know (formulas with no saved result). @default ignored */
  /** `said`: the warning as a catalog Text, for the person's language. */
  onWarning?: (message: string, said?: Text) => void;
}

/**
 * A cell's value for cellText. exceljs's formula value drops a falsy cached result when it copies its model (a
 * formula showing 0, "" or FALSE came out as no value at all), so a formula's result is taken from `cell.result`.
 */
function valueOf(cell: ExcelJS.Cell): unknown {
  return cell.type === ExcelJS.ValueType.Formula ? { formula: "", result: cell.result } : cell.value;
}

/** A formula whose file holds no computed value (openpyxl and pandas write formulas without calculating them). */
function isUncalculated(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    "formula" in value &&
    (value as { result?: unknown }).result === undefined
  );
}

/** The cells of a row as shown, by column (index 0 = column A); holes are ''. `uncalculated` hears formula columns. */
function rowTexts(row: ExcelJS.Row, date1904: boolean, uncalculated?: (column: number) => void): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const value = valueOf(cell);
    if (uncalculated && isUncalculated(value)) uncalculated(column - 1);
    cells[column - 1] = cellText(value, cell.numFmt, date1904);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= "";
  return cells;
}

/**
 * Said once per column: a formula with no saved result reads as empty (there is no value to show), which would send
 * blanks to ChatGuru — or clear its fields with `"empty": "clear"` — without a word.
 */
function uncalculatedWarner(
  label: string | Text,
  headers: string[],
  warn: ((message: string, said?: Text) => void) | undefined,
) {
  if (!warn) return undefined;
  const told = new Set<number>();
  return (column: number) => {
    if (told.has(column) || column >= headers.length) return;
    told.add(column);
    const said = text("xlsx.uncalculated", { label, column: headers[column]! });
    warn(english(said), said);
  };
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === "");

/**
 * An Excel workbook (.xlsx/.xlsm) as a Source, streamed row by row so memory stays flat on any length.
 * Cells come as the person sees them (see xlsx-cell-text.ts). `rowNumber` is the worksheet row number Excel shows in
 * its left margin, so messages point at the right line; empty rows are skipped but keep their numbers.
 */
export function createXlsxSource(path: string, options: XlsxSourceOptions = {}): Source {
  const absolute = resolve(path);
  const label = basename(path);
  const { sheet } = options;
  const headerRow = options.headerRow !== undefined ? checkHeaderRow(options.headerRow) : undefined;

  return {
    kind: "xlsx",
    // Each worksheet is its own list of contacts, so it gets its own state journal.
    id: sheet !== undefined ? `${absolute}#${sheet}` : absolute,
    label,
    path: absolute,
    async open(): Promise<OpenedXlsxSource> {
      await assertSourceFile(absolute, label, "xlsx");
      await assertXlsxFile(absolute, label);
      // exceljs's streaming reader now and then trips over its own order of parts under load (a worksheet parsed before
      // the workbook: "reading 'sheets' of undefined"); the file is fine, so a TypeError from inside it gets one retry.
      const worksheet = await openWorksheet(absolute, label, sheet).catch((error: unknown) =>
        error instanceof Error && error.cause instanceof TypeError
          ? openWorksheet(absolute, label, sheet)
          : Promise.reject(error),
      );
      const where = text("xlsx.worksheet", { label, name: worksheet.name });
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        worksheet.close();
      };
      const nextRow = async () => {
        try {
          return await worksheet.rows.next();
        } catch (error) {
          throw unreadable(error, label);
        }
      };

      let headers: string[];
      let ahead: ExcelJS.Row[];
      let headerNumber: number;
      try {
        ({ headers, ahead, row: headerNumber } = await readHeader(nextRow, worksheet.date1904, where, headerRow));
      } catch (error) {
        await close();
        throw error;
      }
      const uncalculated = uncalculatedWarner(where, headers, options.onWarning);

      async function* rows(): AsyncGenerator<SourceRow> {
        try {
          for (;;) {
            const next = ahead.length > 0 ? { done: false as const, value: ahead.shift()! } : await nextRow();
            if (next.done) return;
            const cells = rowTexts(next.value, worksheet.date1904, uncalculated);
            if (isBlank(cells)) continue;
            // Cells right of the header have no column name: nothing can map them, so they are not part of the row.
            yield { rowNumber: next.value.number, values: cellsByHeader(headers, cells) };
          }
        } finally {
          await close();
        }
      }

      const about = { name: worksheet.name, headerRow: headerNumber };
      return { kind: "xlsx", sheetName: worksheet.name, worksheet: about, headers, rows: rows(), close };
    },
  };
}

const filled = (cells: readonly string[]) => cells.filter((cell) => cell.trim() !== "").length;

/**
 * The header: row `headerRow` exactly, or by default the first row holding anything (like a CSV's first line). As for
 * a CSV, a lone filled cell followed by a wider row is a report title, not the header: say which --header-row to pass.
 * Rows read ahead to tell are handed back so they are still data.
 */
async function readHeader(
  nextRow: () => Promise<IteratorResult<ExcelJS.Row>>,
  date1904: boolean,
  where: Text,
  headerRow: number | undefined,
): Promise<{ headers: string[]; ahead: ExcelJS.Row[]; row: number }> {
  for (;;) {
    const next = await nextRow();
    const number = next.done ? Infinity : next.value.number;
    if (headerRow !== undefined && number > headerRow) {
      throw new ConfigError("SOURCE_HEADER_ROW_EMPTY", text("xlsx.headerRowEmpty", { where, row: headerRow }), {
        context: { row: headerRow },
      });
    }
    if (next.done) throw new ConfigError("SOURCE_EMPTY", text("source.empty", { label: where }));
    if (headerRow !== undefined && number < headerRow) continue;
    const cells = rowTexts(next.value, date1904);
    if (headerRow === undefined && isBlank(cells)) continue;
    const ahead: ExcelJS.Row[] = [];
    if (headerRow === undefined && filled(cells) === 1) {
      for (let more = await nextRow(); !more.done; more = await nextRow()) {
        ahead.push(more.value);
        if (more.value.number >= number + TITLE_LOOKAHEAD_ROWS) break;
      }
      const table = ahead.find((row) => filled(rowTexts(row, date1904)) >= 2);
      if (table) {
        const title = cells.find((cell) => cell.trim() !== "")!.trim();
        throw new ConfigError(
          "SOURCE_HEADER_TITLE",
          text("source.titleRow", {
            label: where,
            row: number,
            title: printable(title),
            tableRow: table.number,
            columns: filled(rowTexts(table, date1904)),
          }),
          { context: { row: number, tableRow: table.number } },
        );
      }
    }
    return { headers: checkHeader(cells, { label: where, row: number }), ahead, row: number };
  }
}
