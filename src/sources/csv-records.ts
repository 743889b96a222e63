import { pipeline, type Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ConfigError } from "../errors.js";
import { createDecoder } from "./csv-encoding.js";
import { text } from "../messages/text.js";

/**
 * Longest record csv-parse may buffer, in characters. Excel caps a cell at 32 767 characters, so only a broken file
 * gets here — a quote that never closes, or a binary file on "one line" — and it must fail instead of filling memory.
 */
export const MAX_RECORD_CHARS = 10 * 1024 * 1024;
const MAX_RECORD_MB = MAX_RECORD_CHARS / (1024 * 1024);

/** Records of a CSV byte stream, one at a time, with records handed back (`unread`) replayed first. */
export interface RecordCursor {
  /** The next record's cells, or undefined at the end. Parse errors are ConfigErrors naming the row. */
  next(): Promise<string[] | undefined>;
  /** Puts records back in front, in order (the header search reads ahead). */
  unread(records: string[][]): void;
  close(): void;
}

export interface RecordOptions {
  label: string;
  delimiter: string;
  encoding: string;
  /** Records before the first spreadsheet row (a `sep=` line Excel hides): subtracted from error row numbers. */
  hiddenRecords: number;
}

export function createRecordCursor(bytes: Readable, options: RecordOptions): RecordCursor {
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    // Any of the three line ends, in any mix: csv-parse otherwise fixes the record delimiter from the first line end,
    // and a file edited in two programs (a CRLF header over LF rows) became one row of every contact. Naming them also
    // spares csv-parse its per-character search for the first line end, which made a huge first line slow to refuse.
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const onDone = () => {
    /* errors surface through the parser's iterator */
  };
  // csv-parse reads UTF-8 bytes itself (faster); every other encoding is decoded to text first.
  if (options.encoding === "utf-8") pipeline(bytes, parser, onDone);
  else pipeline(bytes, createDecoder(options.encoding), parser, onDone);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const pending: string[][] = [];
  return {
    async next() {
      if (pending.length > 0) return pending.shift();
      try {
        const next = await records.next();
        return next.done ? undefined : next.value;
      } catch (error) {
        throw parseError(error, options.label, options.hiddenRecords);
      }
    },
    unread(back) {
      pending.unshift(...back);
    },
    close() {
      parser.destroy();
      bytes.destroy();
    },
  };
}

function parseError(error: unknown, label: string, hiddenRecords: number): unknown {
  if (!(error instanceof CsvError)) return error;
  const { lines: line, records } = error as CsvError & { lines?: number; records?: number };
  // Every record (header and blank lines included) is one spreadsheet row, so the failing record's row is
  // records + 1. csv-parse's own line is where it gave up: the end of the file for an unclosed quote.
  const row = records !== undefined ? records + 1 - hiddenRecords : undefined;
  const what =
    error.code === "CSV_QUOTE_NOT_CLOSED"
      ? text("source.csvUnclosed", { row })
      : error.code === "CSV_MAX_RECORD_SIZE"
        ? text("source.csvTooLong", { row, mb: MAX_RECORD_MB, max: MAX_RECORD_CHARS })
        : error.message;
  return new ConfigError("SOURCE_CSV_PARSE", text("source.csvSyntax", { label, line: String(line ?? "?"), what }), {
    cause: error,
    context: { line, row, csvCode: error.code },
  });
}
