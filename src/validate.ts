import { ExitCode } from "./core/exit-code.js";
import type { Text } from "./core/text.js";
import { LANGUAGES, type Language } from "./messages/language.js";
import { problemCellText } from "./messages/problem.js";
import { say } from "./messages/translate.js";
import { text } from "./messages/text.js";
import { InterruptedError, UsageError } from "./errors.js";
import type { RowProblem } from "./core/row-problem.js";
import { openRowPipeline, type RowPipeline } from "./engine/run/row-pipeline.js";
import { checkLoadedMapping, loadMapping, type LoadedMapping } from "./mapping/load-mapping.js";
import { check, rules, shapes } from "./options.js";
import { extname } from "node:path";
import { createCsvSink, EXCEL_BR_DELIMITER } from "./sinks/csv-sink.js";
import type { OpenedSource } from "./sources/source.js";
import type { Sink } from "./sinks/sink.js";
import type { Source } from "./sources/source.js";

/** At most this many problems are kept in the report; `problemCount` has the total (the results file has them all). */
export const MAX_REPORTED_PROBLEMS = 1000;

export interface ValidateOptions {
  source: Source;
  /** Path of the mapping file — or a mapping already loaded with loadMapping(). */
  mappingPath: string | LoadedMapping;
  /** Write a results CSV here: every input column + the write_back status and error columns. @default no file */
  resultsPath?: string;
  /** Check only the first N data rows. @default all */
  limit?: number;
  /** The language of the results file's `error` column (the code starting each cell stays). @default "en" */
  language?: Language;
  onEvent?: (event: ValidateEvent) => void;
  /** How the source was read (`read leads.csv as Windows-1252, delimiter ";", header on row 3`), as soon as it is
   * open — also when the mapping then does not fit its header. @default none */
  onRead?: (message: string, said?: Text) => void;
  /** Aborting stops reading, discards the results file and rejects with InterruptedError. */
  signal?: AbortSignal;
}

export type ValidateEvent =
  | { type: "start"; source: string; headers: string[] }
  | { type: "progress"; rows: number }
  | { type: "done"; counts: ValidateCounts };

export interface ValidateCounts {
  total: number;
  valid: number;
  invalid: number;
  duplicate: number;
}

export interface ValidateReport {
  ok: boolean;
  /** 0 every row valid; 1 some row invalid or duplicate. */
  exitCode: 0 | 1;
  counts: ValidateCounts;
  /** The first MAX_REPORTED_PROBLEMS problems, in row order. */
  problems: RowProblem[];
  /** Every problem found, including those left out of `problems`. */
  problemCount: number;
  /** Where the results file was written. */
  results?: string;
  /** How the source was read: `read leads.csv as Windows-1252, delimiter ";", header on row 3`. */
  readAs?: string;
  /** `readAs` as a catalog Text, for the person's language. */
  readAsText?: Text;
  durationMs: number;
}

const PROGRESS_EVERY = 10_000;

/**
 * Reads and checks every row of a source against a mapping, with NO network. Run-level problems (mapping,
 * header, CSV syntax) are thrown as ConfigError; row problems are counted and returned. Never exits or prints.
 * Shares the engine's read → check → classify → write pipeline with `sync --dry-run`.
 */
export async function validate(options: ValidateOptions): Promise<ValidateReport> {
  const started = performance.now();
  const given = checkValidateOptions(options);
  if (options.language !== undefined) check("language", options.language, rules.oneOf(LANGUAGES));
  const mapping = typeof given === "string" ? await loadMapping(given) : given;
  if (options.signal?.aborted) throw new InterruptedError(INTERRUPTED);
  let readAs: string | undefined;
  let readAsText: Text | undefined;
  const pipeline = await openRowPipeline(
    options.source,
    mapping,
    (opened) => (options.resultsPath === undefined ? undefined : validateSink(opened, mapping, options.resultsPath)),
    (event) => {
      readAs = event.message;
      readAsText = event.text;
      options.onRead?.(event.message, event.text);
    },
  );
  let sink = pipeline.sink;
  try {
    options.onEvent?.({ type: "start", source: options.source.label, headers: pipeline.opened.headers });
    const tally = await checkRows(pipeline, options);
    const results = sink ? (await sink.close()).location : undefined;
    sink = undefined;
    options.onEvent?.({ type: "done", counts: tally.counts });
    const ok = tally.counts.invalid === 0 && tally.counts.duplicate === 0;
    return {
      ok,
      exitCode: ok ? ExitCode.OK : ExitCode.ROW_FAILURES,
      ...tally,
      ...(results !== undefined ? { results } : {}),
      ...(readAs !== undefined ? { readAs } : {}),
      ...(readAsText !== undefined ? { readAsText } : {}),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await sink?.discard();
    await pipeline.opened.close();
  }
}

const INTERRUPTED = text("run.validateInterrupted");

/** Every option checked once, before the source is opened (a UsageError naming it); the mapping as given or checked. */
function checkValidateOptions(options: ValidateOptions): string | LoadedMapping {
  if (typeof options !== "object" || options === null)
    throw new UsageError(`Expected validate options to be an object, got \`${String(options)}\` (${typeof options})`);
  const source = options.source as unknown;
  if (typeof source !== "object" || source === null || typeof (source as Source).open !== "function")
    throw new UsageError(
      `Expected \`source\` to be a Source (from createSource()), got \`${String(source)}\` (${typeof source})`,
    );
  const mapping = check<string | LoadedMapping>("mappingPath", options.mappingPath, {
    ...shapes.text,
    ok: (v) => shapes.text.ok(v) || (typeof v === "object" && v !== null),
    expected: "a path or a loaded mapping",
  });
  if (options.limit !== undefined) check("limit", options.limit, rules.integerFrom(1));
  if (options.resultsPath !== undefined) check("resultsPath", options.resultsPath, shapes.text);
  for (const name of ["onEvent", "onRead"] as const) {
    if (options[name] !== undefined) check(name, options[name], shapes.function);
  }
  if (options.signal !== undefined) check("signal", options.signal, shapes.signal);
  return typeof mapping === "string" ? mapping : checkLoadedMapping(mapping, "mappingPath");
}

/**
 * `--results`: a workbook for `.xlsx` as sync writes it, else CSV. The workbook writer (exceljs) is loaded only then:
 * a plain validate of a million rows keeps its memory for the rows (`npm run bench` holds it to ≤ 200 MB).
 */
async function validateSink(opened: OpenedSource, mapping: LoadedMapping, path: string): Promise<Sink> {
  const columns: Array<"status" | "error"> = ["status", "error"];
  if (extname(path).toLowerCase() === ".xlsx") {
    const { resultsFileSink } = await import("./sinks/create-sink.js");
    return resultsFileSink(opened, mapping.write_back)(path, columns);
  }
  const delimiter = opened.format?.delimiter ?? EXCEL_BR_DELIMITER;
  return createCsvSink({ path, headers: opened.headers, delimiter, columns, writeBack: mapping.write_back });
}

type Tally = Pick<ValidateReport, "counts" | "problems" | "problemCount">;

/** Classifies every row (up to `limit`), writes it with its status and keeps the first problems for the report. */
async function checkRows(pipeline: RowPipeline<Sink | undefined>, options: ValidateOptions): Promise<Tally> {
  const tally: Tally = { counts: { total: 0, valid: 0, invalid: 0, duplicate: 0 }, problems: [], problemCount: 0 };
  const { counts, problems } = tally;
  const keep = (found: RowProblem[]) => {
    tally.problemCount += found.length;
    for (const problem of found) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };
  for await (const row of pipeline.opened.rows) {
    if (options.limit !== undefined && counts.total >= options.limit) break;
    if (options.signal?.aborted) throw new InterruptedError(INTERRUPTED);
    const seq = counts.total++;
    const verdict = pipeline.classify(row);
    counts[verdict.kind]++;
    const found = verdict.kind === "invalid" ? verdict.problems : verdict.kind === "duplicate" ? [verdict.problem] : [];
    if (found.length > 0) keep(found);
    if (pipeline.sink) {
      const written = pipeline.sink.write({
        seq,
        rowNumber: row.rowNumber,
        values: row.values,
        status: verdict.kind,
        ...(verdict.kind !== "invalid" ? { key: verdict.draft.key } : {}),
        ...(found.length > 0 ? { error: say(options.language ?? "en", problemCellText(found)) } : {}),
      });
      if (written) await written;
    }
    if (options.onEvent && counts.total % PROGRESS_EVERY === 0)
      options.onEvent({ type: "progress", rows: counts.total });
  }
  return tally;
}
