import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { ConfigError } from "../errors.js";
import { text } from "../messages/text.js";

/**
 * The XML of a workbook's parts, read as exceljs's streaming reader is about to parse it, with two things it does not
 * do itself:
 * - Cells and rows without the optional `r` attribute (some generators omit it; Excel and LibreOffice open such a
 *   file) get the reference Excel gives them: a row follows the row before it, a cell the cell before it (the first
 *   cell of a row is column A). exceljs read `r` unconditionally and refused the file ("reading 'length'").
 * - A text longer than MAX_XLSX_TEXT_CHARS (a cell value, or one entry of the shared strings) stops the read at once,
 *   with a message that says the limit: exceljs would gather a 1.5 GB cell whole before anything could refuse it.
 */

/** Longest text run read between two XML tags: the CSV row cap. Excel keeps at most 32 767 characters in a cell. */
export const MAX_XLSX_TEXT_CHARS = 10 * 1024 * 1024;

export interface PartGuardOptions {
  /** How messages name the file. */
  label: string;
  /** A worksheet (cells get their references, long texts are reported with their row) or the shared strings. */
  part: "worksheet" | "shared strings";
  /** @default MAX_XLSX_TEXT_CHARS */
  maxText?: number;
}

type Chunk = Buffer | string;

/** `<row …>` and `<c …>` start tags (not `<col>`, `<cols>`, `<rowBreaks>`): attributes hold no `>`. */
const ROW_OR_CELL = /<(row|c)(?=[\s/>])([^>]*)>/g;
const R_ATTRIBUTE = /\sr\s*=\s*["']([^"']*)["']/;
/** A row or cell start tag without `r`: only chunks holding one are rewritten. */
const WITHOUT_R = /<(?:row|c)(?=[\s/>])(?![^>]*\sr\s*=)[^>]*>/;

/** `AB` → 28. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 28 → `AB`. */
function columnLetters(n: number): string {
  let out = "";
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26))
    out = String.fromCharCode(65 + ((rest - 1) % 26)) + out;
  return out;
}

/** Where the last `<row`/`<c` start tag of `text` begins, or -1. */
function lastTag(text: string, name: "row" | "c"): number {
  for (let at = text.lastIndexOf(`<${name}`); at >= 0; at = at === 0 ? -1 : text.lastIndexOf(`<${name}`, at - 1)) {
    if (/[\s/>]/.test(text.charAt(at + name.length + 1))) return at;
  }
  return -1;
}

/** Where the reader is in the sheet: the row and column of the last row and cell seen. */
class Position {
  row = 0;
  column = 0;

  /**
   * `text` with references filled in. Nearly every file has them all: then only the last row and cell of the chunk are
   * read, to know where a later tag without `r` would be.
   */
  pass(text: string): string {
    if (WITHOUT_R.test(text))
      return text.replace(ROW_OR_CELL, (match, name: string, attrs: string) => this.tag(match, name, attrs));
    const row = lastTag(text, "row");
    const cell = lastTag(text, "c");
    if (row >= 0) this.tag("", "row", text.slice(row + 4, text.indexOf(">", row)));
    if (cell > row) this.tag("", "c", text.slice(cell + 2, text.indexOf(">", cell)));
    return text;
  }

  /** The tag as it was, or with the reference Excel would give it. */
  tag(match: string, name: string, attributes: string): string {
    const given = R_ATTRIBUTE.exec(attributes)?.[1];
    if (name === "row") {
      this.row = given !== undefined && /^\d+$/.test(given) ? Number(given) : this.row + 1;
      this.column = 0;
      return given !== undefined ? match : `<row r="${this.row}"${attributes}>`;
    }
    const letters = given !== undefined ? /^[A-Za-z]+/.exec(given)?.[0] : undefined;
    this.column = letters !== undefined ? columnNumber(letters) : this.column + 1;
    return letters !== undefined
      ? match
      : `<c r="${columnLetters(this.column)}${this.row}"${attributes.replace(R_ATTRIBUTE, "")}>`;
  }
}

function tooLong(options: PartGuardOptions, max: number, row: number | undefined): ConfigError {
  const mb = Math.round(max / (1024 * 1024));
  return new ConfigError(
    "SOURCE_XLSX_UNREADABLE",
    text("xlsx.cellTooLong", { label: options.label, row: row !== undefined && row > 0 ? row : undefined, mb, max }),
    { context: { part: options.part, ...(row ? { row } : {}), maxChars: max } },
  );
}

/**
 * The part's text, chunk by chunk: cut after the last complete tag (the rest waits for the next chunk), references
 * filled in for a worksheet, and every stretch between two `<` measured against the cap.
 */
export async function* guardedXml(chunks: AsyncIterable<Chunk>, options: PartGuardOptions): AsyncGenerator<string> {
  const max = options.maxText ?? MAX_XLSX_TEXT_CHARS;
  const decoder = new StringDecoder("utf8");
  const position = options.part === "worksheet" ? new Position() : undefined;
  let carry = "";
  /** Characters since the last `<` of the text already passed on. */
  let run = 0;
  const pass = (text: string): string => {
    let at = text.indexOf("<");
    if (at < 0) run += text.length;
    else {
      if (run + at > max) throw tooLong(options, max, position?.row);
      for (let next = text.indexOf("<", at + 1); next >= 0; at = next, next = text.indexOf("<", at + 1)) {
        if (next - at > max) throw tooLong(options, max, position?.row);
      }
      run = text.length - at;
    }
    if (run > max) throw tooLong(options, max, position?.row);
    return position ? position.pass(text) : text;
  };
  for await (const chunk of chunks) {
    const text = carry + (typeof chunk === "string" ? chunk : decoder.write(chunk));
    const open = text.lastIndexOf("<");
    const cut = open >= 0 && text.indexOf(">", open) < 0 ? open : text.length;
    carry = text.slice(cut);
    if (carry.length > max) throw tooLong(options, max, position?.row);
    if (cut > 0) yield pass(text.slice(0, cut));
  }
  const rest = carry + decoder.end();
  if (rest !== "") yield pass(rest);
}

/** What exceljs's reader hands a worksheet parser: an async iterable, and for a parked sheet a stream to release. */
type WorksheetInput = AsyncIterable<Chunk> & { on?: (...args: unknown[]) => unknown; destroy?: () => void };

interface ReaderParts {
  _parseWorksheet?: (iterator: WorksheetInput, sheetNo: string) => unknown;
  _parseSharedStrings?: (entry: Readable) => unknown;
}

/**
 * Puts guardedXml() between exceljs 4.4's WorkbookReader and the XML of every worksheet and of the shared strings.
 * Its reader hands each part to `_parseWorksheet(iterator)` / `_parseSharedStrings(entry)` (workbook-reader.js); those
 * are wrapped on this one reader instance. The worksheet input keeps `on`/`destroy` of the stream under it: a sheet
 * that is skipped is released through them (xlsx-workbook.ts).
 */
export function guardWorkbookParts(reader: object, label: string): void {
  const parts = reader as ReaderParts;
  const parseWorksheet = parts._parseWorksheet;
  const parseSharedStrings = parts._parseSharedStrings;
  if (typeof parseWorksheet !== "function" || typeof parseSharedStrings !== "function") return;
  parts._parseWorksheet = function (this: unknown, iterator, sheetNo) {
    const guarded: WorksheetInput = {
      [Symbol.asyncIterator]: () => guardedXml(iterator, { label, part: "worksheet" })[Symbol.asyncIterator](),
      on: (...args) => iterator.on?.(...args),
      destroy: () => iterator.destroy?.(),
    };
    return parseWorksheet.call(this, guarded, sheetNo);
  };
  parts._parseSharedStrings = function (this: unknown, entry) {
    return parseSharedStrings.call(this, Readable.from(guardedXml(entry, { label, part: "shared strings" })));
  };
}
