import { basename, dirname, extname, join, resolve } from "node:path";
import type { LoadedMapping } from "../mapping/load-mapping.js";
import type { OpenedSource, Source } from "../sources/source.js";
import { createCsvSink } from "./csv-sink.js";
import { DEFAULT_WRITE_BACK, type Sink } from "./sink.js";

export interface CreateSinkOptions {
  source: Source;
  opened: OpenedSource;
  mapping: LoadedMapping;
  cwd: string;
  results?: string;
  dryRun: boolean;
}

/** Default results file: `<source>.results.csv` beside a CSV source (SPEC §5). */
export function defaultResultsPath(source: Source, cwd: string): string {
  if (!source.path || source.path === "-") return join(cwd, "chatguru-sync.results.csv");
  const ext = extname(source.path);
  return join(dirname(source.path), `${basename(source.path, ext)}.results.csv`);
}

/** Results go to a CSV beside the source (or --results), or — for a Google Sheet — into the sheet itself. */
export async function createSink(options: CreateSinkOptions): Promise<Sink> {
  const writeBack = { ...DEFAULT_WRITE_BACK, ...options.mapping.write_back };
  const path = options.results ? resolve(options.cwd, options.results) : defaultResultsPath(options.source, options.cwd);
  return createCsvSink({
    path,
    headers: options.opened.headers,
    delimiter: options.opened.format?.delimiter ?? ",",
    columns: ["status", "chat_add_id", "chat_number", "error", "synced_at"],
    writeBack,
  });
}
