import { ExitCode, InterruptedError } from "./errors.js";
import type { RowProblem } from "./core/row-problem.js";
import { loadMapping, type LoadedMapping } from "./mapping/load-mapping.js";
import { createRowClassifier } from "./mapping/row-classifier.js";
import { checkMapping } from "./mapping/rules.js";
import { createCsvSink } from "./sinks/csv-sink.js";
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
  onEvent?: (event: ValidateEvent) => void;
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
  /** 0 every row valid; 1 some row invalid or duplicate (SPEC §3). */
  exitCode: 0 | 1;
  counts: ValidateCounts;
  /** The first MAX_REPORTED_PROBLEMS problems, in row order. */
  problems: RowProblem[];
  /** Every problem found, including those left out of `problems`. */
  problemCount: number;
  /** Where the results file was written. */
  results?: string;
  durationMs: number;
}

const PROGRESS_EVERY = 10_000;

/** `ROW_PHONE_INVALID: "12345" is not a valid phone number (too short)` — the results file's error cell. */
function errorCell(problems: RowProblem[]): string {
  return problems
    .map((p) => `${p.code}: ${p.column !== undefined ? `column "${p.column}": ` : ""}${p.message}`)
    .join("; ");
}

/**
 * Reads and checks every row of a source against a mapping, with NO network (SPEC §4.4). Run-level problems (mapping,
 * header, CSV syntax) are thrown as ConfigError; row problems are counted and returned. Never exits or prints.
 */
export async function validate(options: ValidateOptions): Promise<ValidateReport> {
  const started = performance.now();
  const mapping =
    typeof options.mappingPath === "string" ? await loadMapping(options.mappingPath) : options.mappingPath;
  if (options.signal?.aborted) throw new InterruptedError("Interrupted: validation stopped, no results file written.");
  const opened = await options.source.open();
  let sink: Sink | undefined;
  try {
    checkMapping(mapping, opened.headers);
    const classify = createRowClassifier(mapping, opened.headers);
    if (options.resultsPath !== undefined) {
      sink = createCsvSink({
        path: options.resultsPath,
        headers: opened.headers,
        delimiter: opened.format?.delimiter ?? ",",
        columns: ["status", "error"],
        writeBack: mapping.write_back,
      });
    }
    options.onEvent?.({ type: "start", source: options.source.label, headers: opened.headers });
    const counts: ValidateCounts = { total: 0, valid: 0, invalid: 0, duplicate: 0 };
    const problems: RowProblem[] = [];
    let problemCount = 0;
    const keep = (found: RowProblem[]) => {
      problemCount += found.length;
      for (const problem of found) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
    };

    for await (const row of opened.rows) {
      if (options.limit !== undefined && counts.total >= options.limit) break;
      if (options.signal?.aborted)
        throw new InterruptedError("Interrupted: validation stopped, no results file written.");
      const seq = counts.total++;
      const verdict = classify(row);
      let status: string;
      let error: string | undefined;
      if (verdict.kind === "valid") {
        counts.valid++;
        status = "valid";
      } else if (verdict.kind === "invalid") {
        counts.invalid++;
        keep(verdict.problems);
        status = "invalid";
        error = errorCell(verdict.problems);
      } else {
        counts.duplicate++;
        keep([verdict.problem]);
        status = "duplicate";
        error = errorCell([verdict.problem]);
      }
      if (sink) {
        const written = sink.write({
          seq,
          rowNumber: row.rowNumber,
          values: row.values,
          status,
          ...(verdict.kind !== "invalid" ? { key: verdict.draft.key } : {}),
          ...(error !== undefined ? { error } : {}),
        });
        if (written) await written;
      }
      if (options.onEvent && counts.total % PROGRESS_EVERY === 0)
        options.onEvent({ type: "progress", rows: counts.total });
    }
    const results = sink ? (await sink.close()).location : undefined;
    sink = undefined;
    options.onEvent?.({ type: "done", counts });
    const ok = counts.invalid === 0 && counts.duplicate === 0;
    return {
      ok,
      exitCode: ok ? ExitCode.OK : ExitCode.ROW_FAILURES,
      counts,
      problems,
      problemCount,
      ...(results !== undefined ? { results } : {}),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await sink?.discard();
    await opened.close();
  }
}
