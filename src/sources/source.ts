import type { SourceRow } from "../core/source-row.js";
import type { SheetsGateway } from "../sheets/sheets-gateway.js";

/**
 * Format facts a CSV source detected (or was told): the results file reuses the delimiter so Excel-BR opens it the
 * same way, and validate/sync can say how the file was read ("read as Windows-1252, delimiter ';', header on row 3").
 */
export interface SourceFormat {
  delimiter: string;
  /** iconv-lite name: utf-8, windows-1252, utf-16le, utf-16be, or what `--encoding` named. */
  encoding: string;
  /** Spreadsheet row the header was read from (`--header-row`, or the first non-blank row). CSV always sets it. */
  headerRow?: number;
  /** The file starts with a byte-order mark (UTF-8 or UTF-16). CSV always sets it. */
  bom?: boolean;
  /** A first line `sep=;` named the delimiter (that line is not a row: Excel hides it). CSV always sets it. */
  sepLine?: boolean;
}

export interface OpenedSource {
  headers: string[];
  rows: AsyncIterable<SourceRow>;
  format?: SourceFormat;
  /** Workbook sources: the worksheet read and the row its header came from (validate/sync say so). */
  worksheet?: { name: string; headerRow: number };
  /** Releases file handles / sockets; safe to call twice. */
  close(): Promise<void>;
}

/**
 * What a Google Sheet source's open() resolves to: the generic OpenedSource plus what the write-back sink needs
 * to address the same tab. Declared here, with the port, so sinks/ narrows an OpenedSource without knowing the
 * concrete sheets source. Use `isOpenedSheetsSource(opened)` to narrow an `OpenedSource`.
 */
export interface OpenedSheetsSource extends OpenedSource {
  readonly kind: "sheets";
  spreadsheetId: string;
  /** The resolved tab title (from `sheet`, from `gid`, or the first tab). */
  sheetTitle: string;
  /** The tab's gid. */
  sheetId: number;
  /** Browser URL of the tab. */
  url: string;
  /** The gateway the rows were read with; hand the same one to the sink so both share one quota window. */
  gateway: SheetsGateway;
}

export function isOpenedSheetsSource(opened: OpenedSource): opened is OpenedSheetsSource {
  return (opened as Partial<OpenedSheetsSource>).kind === "sheets";
}

/** An opened workbook source: the results workbook reuses the worksheet's name. Declared with the port, like the sheet. */
export interface OpenedXlsxSource extends OpenedSource {
  readonly kind: "xlsx";
  readonly sheetName: string;
}

export function isOpenedXlsxSource(opened: OpenedSource): opened is OpenedXlsxSource {
  return (opened as Partial<OpenedXlsxSource>).kind === "xlsx";
}

/**
 * A source of contact rows. Memory stays flat: rows are pulled one at a time.
 */
export interface Source {
  readonly kind: "csv" | "sheets" | "xlsx";
  /** Stable identity used to derive the state file id: absolute CSV path, `-` for stdin, `sheets:ID#Tab`, or the
   * absolute workbook path (+ `#Sheet` when a worksheet is named). */
  readonly id: string;
  /** Human label for messages. */
  readonly label: string;
  /** Path of the CSV or workbook file, if any (the default results file sits beside it). */
  readonly path?: string;
  open(): Promise<OpenedSource>;
}
