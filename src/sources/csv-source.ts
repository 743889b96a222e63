import { basename, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { normalizeDelimiter, sniffHeaderDelimiter } from "./csv-delimiter.js";
import { decodeSample, normalizeEncodingName } from "./csv-encoding.js";
import { readCsvHeader } from "./csv-header.js";
import { openByteInput, sampleInput, type SampledInput } from "./csv-input.js";
import { createRecordCursor } from "./csv-records.js";
import { csvRows } from "./csv-rows.js";
import type { OpenedSource, Source, SourceFormat } from "./source.js";
import { detectOtherSpreadsheet, otherSpreadsheetError } from "./spreadsheet-formats.js";
import { detectNotText, detectTextEncoding, findSepLine, notTextError } from "./text-detect.js";
import { text as msg } from "../messages/text.js";

export interface CsvSourceOptions {
  /** Overrides detection (utf-8, windows-1252, utf-16, latin1…). @default detected: BOM → strict UTF-8 → Windows-1252 */
  encoding?: string;
  /** Overrides sniffing and a `sep=` line: one character, or "tab". @default `sep=` line, else sniffed from the header */
  delimiter?: string;
  /** Spreadsheet row of the header (`--header-row`); rows above it are ignored. @default the first non-blank row */
  headerRow?: number;
  /** What `-` reads. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
}

/** `--header-row` value check: a whole number from 1 and up. */
export function checkHeaderRow(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(
      "SOURCE_HEADER_ROW_INVALID",
      msg("source.headerRowInvalid", { value: String(JSON.stringify(value)) }),
      { context: { headerRow: value } },
    );
  }
  return value;
}

/**
 * Everything decided from the first bytes: other spreadsheet formats and not-text files refused,
 * encoding, `sep=` line, delimiter. The `sep=` line is not a row: Excel hides it, so the rows (and `headerRow`) are
 * counted after it.
 */
function detectFormat(input: SampledInput, label: string, overrides: CsvSourceOptions): SourceFormat {
  const spreadsheet = detectOtherSpreadsheet(input.sample, label);
  if (spreadsheet) throw otherSpreadsheetError(label, spreadsheet);
  const detected = detectTextEncoding(input.sample, input.complete);
  const encoding = overrides.encoding ?? detected.encoding;
  const notText = detectNotText(input.sample, encoding);
  if (notText) throw notTextError(label, notText);
  let text = decodeSample(input.sample, encoding);
  if (text.trim() === "") throw new ConfigError("SOURCE_EMPTY", msg("source.empty", { label }));
  const sep = findSepLine(text);
  if (sep !== undefined) text = text.replace(/^[^\r\n]*(\r\n|\n|\r)?/, "");
  const delimiter = overrides.delimiter ?? sep ?? sniffHeaderDelimiter(text, overrides.headerRow);
  return {
    delimiter,
    encoding,
    bom: detected.bom,
    sepLine: sep !== undefined,
    headerRow: overrides.headerRow ?? 1,
  };
}

/**
 * A CSV file (or stdin with `-`) as a Source. Streams with csv-parse: memory stays flat on any length.
 *
 * `rowNumber` is the spreadsheet row the person sees when the file is opened in Excel or Sheets: the header is row 1
 * (or `headerRow`) and every record after it takes one row — blank lines included. A `sep=` first line is not a row
 * (Excel hides it). The opened source's `format` says what was used: encoding, BOM, delimiter, `sep=`, header row.
 */
export function createCsvSource(path: string, options: CsvSourceOptions = {}): Source {
  const isStdin = path === "-";
  const absolute = isStdin ? undefined : resolve(path);
  const label = isStdin ? "standard input" : path;
  // Normalized now so a bad flag fails before any I/O.
  const overrides: CsvSourceOptions = {
    ...(options.encoding !== undefined ? { encoding: normalizeEncodingName(options.encoding) } : {}),
    ...(options.delimiter !== undefined ? { delimiter: normalizeDelimiter(options.delimiter) } : {}),
    ...(options.headerRow !== undefined ? { headerRow: checkHeaderRow(options.headerRow) } : {}),
  };

  return {
    kind: "csv",
    id: absolute ?? "-",
    label: isStdin ? "-" : basename(path),
    ...(absolute ? { path: absolute } : {}),
    async open(): Promise<OpenedSource> {
      const input = await openByteInput(absolute, label, options.stdin);
      const sampled = await sampleInput(input, label);
      let format: SourceFormat;
      try {
        format = detectFormat(sampled, label, overrides);
      } catch (error) {
        await sampled.abandon();
        if (!isStdin) input.destroy?.();
        throw error;
      }
      const cursor = createRecordCursor(sampled.bytes(), {
        label,
        delimiter: format.delimiter,
        encoding: format.encoding,
        hiddenRecords: format.sepLine ? 1 : 0,
      });
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        cursor.close();
        if (!isStdin) input.destroy?.();
      };
      try {
        if (format.sepLine) await cursor.next();
        const header = await readCsvHeader(cursor, label, overrides.headerRow);
        format = { ...format, headerRow: header.row };
        return { headers: header.headers, rows: csvRows(cursor, header, format.delimiter, close), format, close };
      } catch (error) {
        await close();
        throw error;
      }
    },
  };
}
