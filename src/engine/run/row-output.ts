import type { Outcome } from "../../core/outcome.js";
import type { RowResult } from "../../core/row-result.js";
import type { SourceRow } from "../../core/source-row.js";
import type { Sink } from "../../sinks/sink.js";
import type { SyncEventListener } from "../shared/events.js";
import { PlanTally, type EstimateKnowledge } from "./plan-tally.js";
import { countOutcome, emptyCounts } from "./report.js";
import type { OutcomeCounts, PlanCounts } from "../shared/sync-report.js";
import type { Text } from "../../core/text.js";
import { english } from "../../messages/translate.js";

/** A row as the output knows it: its place in the source (`seq`) and the source row itself. */
export interface RowAt {
  seq: number;
  row: SourceRow;
}

/** What the output is told once, when the run starts. */
export interface RowOutputOptions {
  onEvent?: SyncEventListener | undefined;
  /** When the run started (ms): a journal entry changed since then is this run's, not an earlier run's. @default 0 */
  startedAt?: number;
  /** What the dry run's estimate knows (the journal's numbers, the last run's share of new rows). */
  knows?: EstimateKnowledge | undefined;
  /** Says an error cell in the run's language (results files). @default English */
  sayCell?: (said: Text) => string;
}

/** The words a row's outcome carries: its error, and what the row event says instead (when the run said it once). */
export interface RowWords {
  error?: Text | undefined;
  /** @default error */
  said?: Text | undefined;
}

/**
 * Where every row ends: written to the sink, counted for the report and announced as a `row` event. The methods are
 * not async on purpose: the CSV sink usually accepts a row synchronously, and on a 100 000-row unchanged re-run an
 * await per row (a microtask each) is a visible share of the time. Callers await only a returned promise.
 */
export class RowOutput {
  readonly counts: OutcomeCounts = emptyCounts();
  readonly plan: PlanCounts = { new: 0, changed: 0, unchanged: 0, retry: 0 };
  /** Dry run: what a real run would cost, and its first rows as they will be sent. */
  readonly tally: PlanTally;
  /** Rows the run stopped before; they are written with their last result from the journal, if any. */
  notReached = 0;
  /** Of `notReached`, those that keep a result an earlier run left in the journal. */
  notReachedKept = 0;
  /** Of `notReached`, those whose journal entry this run changed: they show what this run recorded, not an earlier one. */
  notReachedThisRun = 0;
  /** Rows after `--limit`, passed through with their last result. */
  beyondLimit = 0;
  /** Rows another filter owns (status, --retry-failed) that no run has synced yet: written without a status. */
  notSynced = 0;
  /** Failed rows by error code: a run stopped by an outage tells rows that met it from rows ChatGuru answered. */
  readonly failedBy = new Map<string, number>();

  private readonly onEvent: SyncEventListener | undefined;
  private readonly startedAt: number;
  private readonly sayCell: (said: Text) => string;

  constructor(
    private readonly sink: Sink,
    options: RowOutputOptions = {},
  ) {
    this.onEvent = options.onEvent;
    this.startedAt = options.startedAt ?? 0;
    this.sayCell = options.sayCell ?? english;
    this.tally = new PlanTally(options.knows);
  }

  /** Writes the row as is: no count, no event. */
  write({ seq, row }: RowAt, status: string | undefined, extra?: Partial<RowResult>): void | Promise<void> {
    const result: RowResult = { seq, rowNumber: row.rowNumber, values: row.values };
    if (status) result.status = status;
    return this.sink.write(extra ? Object.assign(result, extra) : result);
  }

  /** The row's one outcome: counted, announced and written. */
  finish(at: RowAt, outcome: Outcome, extra?: Partial<RowResult>, words: RowWords = {}): void | Promise<void> {
    const { error } = words;
    // What the row event says instead of `error` (the run's own error already gives the advice).
    const said = words.said ?? error;
    countOutcome(this.counts, outcome);
    if (outcome === "failed") {
      const code = extra?.errorCode ?? "";
      this.failedBy.set(code, (this.failedBy.get(code) ?? 0) + 1);
    }
    // The event's `error` is English (library users read it); the results cell is in the run's language.
    const inEnglish = error ? english(error) : undefined;
    const told = said === error ? inEnglish : said ? english(said) : undefined;
    const cell = error ? this.sayCell(error) : undefined;
    this.onEvent?.({
      type: "row",
      seq: at.seq,
      rowNumber: at.row.rowNumber,
      outcome,
      ...(told !== undefined && said ? { error: told, errorText: said } : {}),
    });
    return this.write(at, outcome, cell ? { ...extra, error: cell } : extra);
  }

  /** `finish` for a result the caller built whole (the unchanged path): counted, announced, written as is. */
  finishResult(outcome: Outcome, result: RowResult): void | Promise<void> {
    countOutcome(this.counts, outcome);
    this.onEvent?.({ type: "row", seq: result.seq, rowNumber: result.rowNumber, outcome });
    return this.sink.write(result);
  }

  /**
   * A row the run stopped before reaching: not counted as an outcome, written with its last result from the journal
   * (`last.status`, `extra`) when there is one, else without a status, so the output still has every row.
   * `last.updatedAt` (the journal entry's) tells a result an earlier run left from one this run recorded before it
   * stopped: a first run has no earlier result to keep, whatever the journal now says.
   */
  notReachedRow(
    at: RowAt,
    extra?: Partial<RowResult>,
    last: { status?: string | undefined; updatedAt?: string | undefined } = {},
  ): void | Promise<void> {
    this.notReached += 1;
    if (last.status) {
      const earlier = last.updatedAt === undefined || Date.parse(last.updatedAt) < this.startedAt;
      if (earlier) this.notReachedKept += 1;
      else this.notReachedThisRun += 1;
    }
    return this.write(at, last.status, extra);
  }

  /**
   * A row after `--limit`: not this run's, written with its last result (none on a dry run, whose plan says only what
   * it would do), so a canary run does not shrink the results file to its first rows.
   */
  beyondLimitRow(at: RowAt, extra: Partial<RowResult>, lastStatus?: string): void | Promise<void> {
    this.beyondLimit += 1;
    return this.write(at, lastStatus, extra);
  }

  /** A dry-run row: rows it would touch count in the plan, not as outcomes (a dry run changes nothing). */
  planned(
    at: RowAt,
    { planned, status }: { planned: keyof PlanCounts; status: string },
    extra: Partial<RowResult>,
  ): void | Promise<void> {
    this.plan[planned] += 1;
    if (planned === "unchanged") countOutcome(this.counts, "unchanged");
    else this.counts.total += 1;
    return this.write(at, status, extra);
  }

  /**
   * A row another filter owns (status, --retry-failed) that no run has synced: not counted as an outcome nor called
   * unchanged (after an interrupted import, `status` must not look like the rest was done), written without a status.
   */
  notSyncedRow(at: RowAt, extra: Partial<RowResult>): void | Promise<void> {
    this.notSynced += 1;
    return this.write(at, undefined, extra);
  }

  /** A row another filter owns (--retry-failed, status): counted unchanged, reported `skipped`, last status kept. */
  skipped(at: RowAt, status: string, extra: Partial<RowResult>): void | Promise<void> {
    countOutcome(this.counts, "unchanged");
    const announce = () =>
      this.onEvent?.({ type: "row", seq: at.seq, rowNumber: at.row.rowNumber, outcome: "skipped" });
    const written = this.write(at, status, extra);
    if (written) return written.then(announce);
    announce();
  }
}
