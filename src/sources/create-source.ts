import { resolve } from "node:path";
import { createCsvSource } from "./csv-source.js";
import type { Source } from "./source.js";

export interface SourceOptions {
  /** CSV encoding (utf-8, windows-1252, latin1…); detected when absent. */
  encoding?: string;
  /** CSV delimiter (`,` `;` tab); sniffed from the header line when absent. */
  delimiter?: string;
  /** Google Sheets tab title (with a `sheets:ID` source). */
  sheet?: string;
  /** Environment for Google credentials and SHEETS_API_URL. @default {} */
  env?: Record<string, string | undefined>;
  /** Base directory for relative CSV paths. */
  cwd?: string;
  /** Stream read for the `-` source. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
}

/** The only place that knows every kind of source (SPEC §4.1). */
export function createSource(spec: string, options: SourceOptions = {}): Source {
  const path = spec === "-" ? "-" : resolve(options.cwd ?? process.cwd(), spec);
  return createCsvSource(path, {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.stdin ? { stdin: options.stdin } : {}),
  });
}
