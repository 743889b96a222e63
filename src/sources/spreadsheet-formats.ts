import { extname } from "node:path";
import type { SourceErrorCode } from "../core/error-codes.js";
import { ConfigError } from "../errors.js";
import { includesAscii, startsWith } from "./text-detect.js";
import type { OtherSpreadsheetKind } from "../messages/en/source.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

/**
 * Spreadsheet files that are neither CSV nor .xlsx (the two kinds the tool reads): an old Excel .xls, a LibreOffice
 * .ods, an Apple Numbers file. The person knows it is a spreadsheet, so the message says the format is not read and
 * the menu path, as the Portuguese menus show it, to one that is. .xlsx comes first because it is read directly and
 * keeps long numbers whole; a CSV saved from a "Geral" column can turn a phone into 5,51199E+12.
 */
export interface OtherSpreadsheet {
  code: SourceErrorCode;
  /** Which one: the catalog says what it is ("an old Excel 97-2003 workbook (.xls)") and how to get a file that is read. */
  kind: OtherSpreadsheetKind;
}

const OLD_EXCEL: OtherSpreadsheet = { code: "SOURCE_XLS_OLD_FORMAT", kind: "xls" };
const OPENDOCUMENT: OtherSpreadsheet = { code: "SOURCE_NOT_TEXT", kind: "ods" };
const NUMBERS: OtherSpreadsheet = { code: "SOURCE_NOT_TEXT", kind: "numbers" };

/** Entry names of a Numbers file (a zip since iWork 2013): the document as Index/*.iwa or Index.zip, plus Metadata/. */
const NUMBERS_ENTRIES = [".iwa", "Index.zip", "Metadata/DocumentIdentifier", "Metadata/Properties.plist"];

const isZip = (sample: Uint8Array) => startsWith(sample, 0x50, 0x4b, 0x03, 0x04);

/**
 * Recognizes the format from the first bytes (an OLE2 header; a zip's first entry names, which sit in the first bytes);
 * a zip whose first entries say nothing, e.g. a large preview image first, is known by the extension of `name`.
 */
export function detectOtherSpreadsheet(sample: Uint8Array, name: string): OtherSpreadsheet | undefined {
  if (startsWith(sample, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return OLD_EXCEL;
  if (!isZip(sample)) return undefined;
  // An .ods names its mimetype in its first, uncompressed entry.
  if (includesAscii(sample, "opendocument.spreadsheet")) return OPENDOCUMENT;
  if (NUMBERS_ENTRIES.some((entry) => includesAscii(sample, entry))) return NUMBERS;
  // A real .xlsx renamed .ods or .numbers is told to take back its .xlsx name (text-detect.ts).
  if (includesAscii(sample, "xl/") || includesAscii(sample, "[Content_Types].xml")) return undefined;
  const extension = extname(name).toLowerCase();
  if (extension === ".ods") return OPENDOCUMENT;
  if (extension === ".numbers") return NUMBERS;
  return undefined;
}

/** The source error for a spreadsheet format that is not read (exit 2). */
export function otherSpreadsheetError(label: string, found: OtherSpreadsheet): ConfigError {
  const is = text("source.other.is", { kind: found.kind });
  return new ConfigError(
    found.code,
    text("source.otherSpreadsheet", { label, is, todo: text("source.other.todo", { kind: found.kind }) }),
    { context: { looksLike: english(is) } },
  );
}
