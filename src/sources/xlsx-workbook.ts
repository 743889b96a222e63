import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { ConfigError, isSyncError } from "../errors.js";
import { CellXmlText } from "./xlsx-xml-text.js";
import { guardWorkbookParts } from "./xlsx-part-guard.js";
import { text } from "../messages/text.js";

/** Parts of exceljs's streaming reader that its type declarations leave out (stable in exceljs 4.x). */
interface ReaderInternals {
  model?: { sheets?: Array<{ name: string; state?: string }> };
  properties?: { model?: { date1904?: boolean } };
  stream?: { destroy?: () => void };
}
interface WorksheetInternals {
  name?: string;
  iterator?: { destroy?: () => void; on?: (event: "error", listener: () => void) => unknown };
}

export interface OpenedWorksheet {
  name: string;
  /** Rows of the chosen worksheet, in file order (only rows that hold something are in the file). */
  rows: AsyncIterator<ExcelJS.Row>;
  /** Old Mac workbooks count dates from 1904. */
  date1904: boolean;
  close(): void;
}

/** Excel's first tab that a person can see (a hidden first sheet is not what they mean by "the first"). */
function firstVisible(reader: ReaderInternals): string | undefined {
  const sheets = reader.model?.sheets ?? [];
  return (sheets.find((s) => !s.state || s.state === "visible") ?? sheets[0])?.name;
}

function sheetNames(reader: ReaderInternals): string[] {
  return (reader.model?.sheets ?? []).map((s) => s.name);
}

interface Relationship {
  Target?: unknown;
}

/** "/xl/worksheets/sheet1.xml" and "./worksheets/sheet1.xml" → "worksheets/sheet1.xml", the form Excel writes. */
function relativeToXl(rel: Relationship): Relationship {
  if (typeof rel.Target !== "string") return rel;
  return { ...rel, Target: rel.Target.replace(/^\/xl\//, "").replace(/^\.\//, "") };
}

/**
 * openpyxl and pandas write the workbook's relationship targets from the package root ("/xl/worksheets/sheet1.xml");
 * Excel writes them relative to xl/. exceljs 4.4's streaming reader (workbook-reader.js, _parseWorksheet) finds a
 * worksheet's name by comparing the target with "worksheets/sheetN.xml" verbatim, so with absolute targets every
 * worksheet stays "Sheet1", "Sheet2"… and the person's "Leads" looks missing. The reader stores the parsed
 * relationships in `workbookRels`; normalizing them as they are stored makes both spellings match.
 */
function normalizeRelTargets(reader: object): void {
  let rels: unknown;
  Object.defineProperty(reader, "workbookRels", {
    configurable: true,
    enumerable: true,
    get: () => rels,
    set: (value: unknown) => {
      rels = Array.isArray(value) ? (value as Relationship[]).map(relativeToXl) : value;
    },
  });
}

/** The reader's two parsers of cell text, as exceljs 4.4's WorkbookReader defines them (stream/xlsx/workbook-reader.js). */
interface TextParsers {
  _parseSharedStrings?: (entry: NodeJS.ReadableStream) => AsyncGenerator<unknown>;
  _parseWorksheet?: (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => Generator<unknown>;
}

type Iterated = AsyncIterable<Buffer | string> & { on?: (...args: unknown[]) => unknown; destroy?: () => void };

/**
 * Puts CellXmlText between the zip and exceljs's XML parser for the shared strings and every worksheet, so a cell's
 * value is the text of its `<t>`/`<v>` and not the indentation around them (see xlsx-xml-text.ts). The worksheet's
 * own stream keeps its `on`/`destroy` (openWorksheet releases a skipped worksheet through them).
 */
function filterCellText(reader: object): void {
  const parsers = reader as TextParsers;
  const sharedStrings = parsers._parseSharedStrings;
  const worksheet = parsers._parseWorksheet;
  if (!sharedStrings || !worksheet) return;
  parsers._parseSharedStrings = function (this: unknown, entry) {
    return sharedStrings.call(this, Readable.from(CellXmlText.filter(entry as unknown as AsyncIterable<Buffer>)));
  };
  parsers._parseWorksheet = function (this: unknown, iterator, sheetNo) {
    const original = iterator as Iterated;
    const filtered: Iterated = CellXmlText.filter(original);
    filtered.on = (...args: unknown[]) => original.on?.(...args);
    filtered.destroy = () => original.destroy?.();
    return worksheet.call(this, filtered, sheetNo);
  };
}

/** An unzip or XML error from exceljs, said in words a person can act on. */
export function unreadable(error: unknown, label: string): unknown {
  if (isSyncError(error)) return error;
  return new ConfigError(
    "SOURCE_XLSX_UNREADABLE",
    text("xlsx.unreadable", { label, message: (error as Error).message }),
    { cause: error },
  );
}

function sheetNotFound(label: string, wanted: string, names: string[]): ConfigError {
  return new ConfigError("SOURCE_SHEET_NOT_FOUND", text("xlsx.sheetNotFound", { label, wanted, names }), {
    context: { sheet: wanted, sheets: names },
  });
}

/**
 * Opens the workbook with exceljs's streaming reader and positions on one worksheet (by name, else the first visible
 * tab). Shared strings are cached by the reader (Excel stores each distinct text once, referenced from the cells);
 * worksheets are parsed row by row, never held whole. Excel writes the worksheets BEFORE the shared strings in the
 * zip, so exceljs parks each worksheet in a temp file until the strings are read: disk, not memory.
 */
export async function openWorksheet(path: string, label: string, wanted: string | undefined): Promise<OpenedWorksheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    // Styles carry the number formats (dd/mm/yyyy, #,##0.00) that decide how a number is shown.
    styles: "cache",
    // A hyperlink cell already holds its display text; the link target is not a value anyone typed.
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  normalizeRelTargets(reader);
  filterCellText(reader);
  guardWorkbookParts(reader, label);
  const internals = reader as unknown as ReaderInternals;
  const sheets = reader[Symbol.asyncIterator]();
  const close = () => {
    void sheets.return?.(undefined).catch(() => undefined);
    internals.stream?.destroy?.();
  };
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const worksheet = next.value as unknown as ExcelJS.stream.xlsx.WorksheetReader & WorksheetInternals;
      const names = sheetNames(internals);
      if (wanted !== undefined && names.length > 0 && !names.includes(wanted))
        throw sheetNotFound(label, wanted, names);
      const target = wanted ?? firstVisible(internals) ?? worksheet.name;
      if (worksheet.name !== target) {
        // Not this one: release its parked temp file now rather than at exit. exceljs unlinks that file as soon as we
        // move on, while the read stream it made for it may still be opening (slow under load): the ENOENT it then
        // emits had no listener and became an uncaught exception. Whatever it says, this sheet is not read.
        worksheet.iterator?.on?.("error", () => undefined);
        worksheet.iterator?.destroy?.();
        continue;
      }
      return {
        name: target ?? "Sheet1",
        rows: worksheet[Symbol.asyncIterator](),
        date1904: internals.properties?.model?.date1904 === true,
        close,
      };
    }
  } catch (error) {
    close();
    throw unreadable(error, label);
  }
  close();
  throw noWorksheetFound(internals, label, wanted);
}

/** Why the whole workbook went by without the worksheet wanted (or the first visible one) turning up. */
function noWorksheetFound(internals: ReaderInternals, label: string, wanted: string | undefined): ConfigError {
  if (!internals.model) {
    return new ConfigError("SOURCE_NOT_XLSX", text("xlsx.zipNotWorkbook", { label }));
  }
  const names = sheetNames(internals);
  const target = wanted ?? firstVisible(internals);
  if (target !== undefined && names.includes(target)) {
    // Listed in the workbook, but no worksheet part was matched to it: the file's layout is not the one Excel writes —
    // or, now and then, an empty worksheet that exceljs's streaming reader passed over. The message covers both.
    return new ConfigError("SOURCE_XLSX_UNREADABLE", text("xlsx.sheetUnreadable", { label, target }), {
      context: { sheet: target, sheets: names },
    });
  }
  if (wanted !== undefined) return sheetNotFound(label, wanted, names);
  return new ConfigError("SOURCE_EMPTY", text("xlsx.noRows", { label }));
}
