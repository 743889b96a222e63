import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { Readable, pipeline } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ConfigError } from "../errors.js";
import type { RowProblem } from "../core/row-problem.js";
import { normalizeDelimiter, sniffDelimiter } from "./csv-delimiter.js";
import {
  createDecoder,
  decodeSample,
  detectEncoding,
  ENCODING_SAMPLE_BYTES,
  normalizeEncodingName,
} from "./csv-encoding.js";
import type { OpenedSource, Source } from "./source.js";
import type { SourceRow } from "../core/source-row.js";

export interface CsvSourceOptions {
  /** Overrides detection (utf-8, windows-1252, latin1…). @default detected: BOM → strict UTF-8 → Windows-1252 */
  encoding?: string;
  /** Overrides sniffing: one character, or "tab". @default sniffed from the header line among `,` `;` tab */
  delimiter?: string;
  /** What `-` reads. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Header names, trimmed. Trailing nameless columns are dropped (Excel exports often end every line with `;`); a
 * nameless or repeated column anywhere else is an error, because the mapping and the results file address columns by
 * name.
 */
export function checkHeader(cells: string[], label: string): string[] {
  const names = cells.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, "") : cell).trim());
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  if (names.length === 0)
    throw new ConfigError("SOURCE_EMPTY", `${label} has no header row: the first line must name the columns.`);
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const where = `column ${i + 1} (${columnLetter(i)})`;
    if (name === "") {
      throw new ConfigError(
        "SOURCE_HEADER_EMPTY",
        `${label}: header ${where} has no name. Give every column a name in the first row (or delete the empty column).`,
        { context: { column: i + 1 } },
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ConfigError(
        "SOURCE_HEADER_DUPLICATE",
        `${label}: header "${name}" appears twice, in column ${first + 1} (${columnLetter(first)}) and ${where}. Rename one of them.`,
        { context: { column: i + 1, name } },
      );
    }
    seen.set(name, i);
  });
  return names;
}

function parseError(error: unknown, label: string): unknown {
  if (error instanceof CsvError) {
    const { lines: line, records } = error as CsvError & { lines?: number; records?: number };
    // Every record (header and blank lines included) is one spreadsheet row, so the failing record's row is
    // records + 1. csv-parse's own line is where it gave up: the end of the file for an unclosed quote.
    const row = records !== undefined ? records + 1 : undefined;
    const what =
      error.code === "CSV_QUOTE_NOT_CLOSED"
        ? `a quoted value${row !== undefined ? ` that starts in row ${row}` : ""} is never closed (a missing " ?)`
        : error.message;
    return new ConfigError("SOURCE_CSV_PARSE", `${label}: CSV syntax error near line ${line ?? "?"}: ${what}`, {
      cause: error,
      context: { line, row, csvCode: error.code },
    });
  }
  return error;
}

/**
 * A CSV file (or stdin with `-`) as a Source (SPEC §4.1). Streams with csv-parse: memory stays flat on any length.
 *
 * `rowNumber` is the spreadsheet row the person sees when the file is opened in Excel or Sheets: the header is row 1
 * and every record after it takes one row — including blank lines and all-empty lines (`;;;`), which are skipped but
 * still counted because Excel shows them as empty rows. A quoted value with line breaks stays ONE row, so the row
 * number is the record count, not the file line number (which would drift after such values).
 */
export function createCsvSource(path: string, options: CsvSourceOptions = {}): Source {
  const isStdin = path === "-";
  const absolute = isStdin ? undefined : resolve(path);
  const label = isStdin ? "standard input" : path;
  // Normalized now so a bad flag fails before any I/O.
  const encodingOverride = options.encoding !== undefined ? normalizeEncodingName(options.encoding) : undefined;
  const delimiterOverride = options.delimiter !== undefined ? normalizeDelimiter(options.delimiter) : undefined;

  async function openInput(): Promise<NodeJS.ReadableStream & { destroy?: (error?: Error) => void }> {
    if (isStdin) return options.stdin ?? process.stdin;
    try {
      const info = await stat(absolute!);
      if (info.isDirectory())
        throw new ConfigError("SOURCE_NOT_A_FILE", `Source ${label} is a directory, not a CSV file.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new ConfigError("SOURCE_NOT_FOUND", `Source file not found: ${label} (looked in ${absolute}).`, {
          cause: error,
          context: { path: absolute },
        });
      }
      throw error;
    }
    return createReadStream(absolute!, { highWaterMark: ENCODING_SAMPLE_BYTES });
  }

  return {
    kind: "csv",
    id: absolute ?? "-",
    label: isStdin ? "-" : basename(path),
    ...(absolute ? { path: absolute } : {}),
    async open(): Promise<OpenedSource> {
      const input = await openInput();
      const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
      const sampleParts: Buffer[] = [];
      let sampleSize = 0;
      let exhausted = false;
      try {
        while (sampleSize < ENCODING_SAMPLE_BYTES) {
          const next = await chunks.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
          sampleParts.push(chunk);
          sampleSize += chunk.length;
        }
      } catch (error) {
        throw new ConfigError("SOURCE_UNREADABLE", `Could not read ${label}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const sample = Buffer.concat(sampleParts);
      const encoding = encodingOverride ?? detectEncoding(sample, exhausted);
      const sampleText = decodeSample(sample, encoding);
      if (sampleText.trim() === "") {
        await chunks.return?.();
        throw new ConfigError("SOURCE_EMPTY", `${label} is empty: expected a header row and data rows.`);
      }
      const delimiter = delimiterOverride ?? sniffDelimiter(sampleText.replace(/^\s*[\r\n]+/, ""));

      const bytes = Readable.from(
        (async function* () {
          if (sample.length > 0) yield sample;
          if (exhausted) return;
          for (;;) {
            const next = await chunks.next();
            if (next.done) return;
            yield next.value;
          }
        })(),
        { objectMode: false },
      );
      const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true });
      const onDone = () => {
        /* errors surface through the parser's iterator */
      };
      if (encoding === "utf-8") pipeline(bytes, parser, onDone);
      else pipeline(bytes, createDecoder(encoding), parser, onDone);

      const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        parser.destroy();
        bytes.destroy();
        if (!isStdin) input.destroy?.();
      };

      let header: IteratorResult<string[]>;
      let headerRow = 0;
      try {
        // Leading blank lines before the header are not a header (but Excel still shows them as rows).
        do {
          header = await records.next();
          headerRow++;
        } while (!header.done && header.value.every((cell) => cell.trim() === ""));
      } catch (error) {
        await close();
        throw parseError(error, label);
      }
      if (header.done) {
        await close();
        throw new ConfigError("SOURCE_EMPTY", `${label} is empty: expected a header row and data rows.`);
      }
      let headers: string[];
      try {
        headers = checkHeader(header.value, label);
      } catch (error) {
        await close();
        throw error;
      }
      const width = headers.length;

      async function* rows(): AsyncGenerator<SourceRow> {
        let rowNumber = headerRow;
        try {
          for (;;) {
            let next: IteratorResult<string[]>;
            try {
              next = await records.next();
            } catch (error) {
              throw parseError(error, label);
            }
            if (next.done) return;
            rowNumber++;
            const cells = next.value;
            let blank = true;
            for (let i = 0; i < cells.length; i++) {
              const cell = cells[i]!;
              if (cell.length > 0 && cell.trim() !== "") {
                blank = false;
                break;
              }
            }
            if (blank) continue;
            const values: Record<string, string> = {};
            for (let i = 0; i < width; i++) values[headers[i]!] = cells[i] ?? "";
            if (cells.length > width) {
              const extra = cells.slice(width).filter((cell) => cell.trim() !== "");
              if (extra.length > 0) {
                const problem: RowProblem = {
                  row: rowNumber,
                  code: "ROW_TOO_MANY_COLUMNS",
                  message: `the row has ${cells.length} cells but the header has ${width} columns (extra value "${extra[0]}" in column ${columnLetter(cells.indexOf(extra[0]!, width))}); check for an unquoted "${delimiter === "\t" ? "tab" : delimiter}" in a value`,
                };
                yield { rowNumber, values, problems: [problem] };
                continue;
              }
            }
            yield { rowNumber, values };
          }
        } finally {
          await close();
        }
      }

      return { headers, rows: rows(), format: { delimiter, encoding }, close };
    },
  };
}
