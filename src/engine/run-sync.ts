import { setMaxListeners } from "node:events";
import type { ChatGuruClient } from "../chatguru/types.js";
import { AbortError, ExitCode, isAbortError, isSyncError } from "../errors.js";
import type { LoadedMapping } from "../mapping/load-mapping.js";
import { createRowClassifier } from "../mapping/row-classifier.js";
import { keyColumnOf, keyOfCell } from "../mapping/row-key.js";
import { checkMapping } from "../mapping/rules.js";
import type { Sink } from "../sinks/sink.js";
import type { RowResult } from "../core/row-result.js";
import type { Outcome } from "../core/outcome.js";
import type { OpenedSource, Source } from "../sources/source.js";
import type { SourceRow } from "../core/source-row.js";
import { DEFAULT_POLL_SCHEDULE, type PollSchedule } from "./add-waiter.js";
import { known, syncContact, type ContactContext, type ContactResult, type SyncMode } from "./contact-task.js";
import type { SyncEventListener } from "./events.js";
import { isUnchanged, planRow } from "./plan.js";
import { countOutcome, emptyCounts, exitCodeFor, type PlanCounts, type SyncReport } from "./report.js";
import { Priority, RequestQueue } from "./request-queue.js";
import { normalizeRetryPolicy, type RetryPolicy } from "./retry-policy.js";
import { isRowFailure } from "./row-failure.js";
import { ScheduledClient } from "./scheduled-client.js";
import type { StateStore } from "../state/state-store.js";
import { valuesHash } from "./values-hash.js";

/** Which rows a run touches. */
export type RowFilter = "all" | "failed" | "pending";

export interface RunSyncOptions {
  source: Source;
  mapping: LoadedMapping;
  /** Required unless dryRun. */
  client?: ChatGuruClient;
  /** The journal (opened and closed by the caller). Required unless dryRun. */
  state?: StateStore;
  /** Builds the sink once the source header is known. */
  createSink: (opened: OpenedSource) => Promise<Sink>;
  /** Overrides the mapping's mode. */
  mode?: SyncMode;
  /** @default 4 */
  concurrency?: number;
  /** Requests per second across all actions; Infinity = no cap. @default 5 */
  rate?: number;
  /** Validate and plan; no network call, no state write. @default false */
  dryRun?: boolean;
  /** Only the first N data rows of the source. */
  limit?: number;
  /** Ignore change detection. @default false */
  full?: boolean;
  /** "failed" = --retry-failed, "pending" = the status command. @default "all" */
  only?: RowFilter;
  /** false = --no-wait. @default true */
  wait?: boolean;
  /** @default 600000 */
  addTimeoutMs?: number;
  pollSchedule?: Partial<PollSchedule>;
  /** How long after a chat_add whose answer was lost the chat is probed for before deciding. @default 10000 */
  uncertainProbeMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  onEvent?: SyncEventListener;
  /** SIGINT/SIGTERM: stop taking rows, let requests in flight finish (up to graceMs), write results. */
  signal?: AbortSignal;
  /** @default 10000 */
  graceMs?: number;
  now?: () => number;
  /** Path of the state file, for the report. */
  statePath?: string;
}

interface RowCounters {
  active: number;
  waiting: number;
}

/**
 * read → map → plan → queue → write back (SPEC §5). Row problems become outcomes; run-level stops (auth, too many
 * failures, SIGINT) end the run early with every row still written to the sink (rows never reached have no status).
 */
export async function runSync(options: RunSyncOptions): Promise<SyncReport> {
  const started = Date.now();
  const now = options.now ?? Date.now;
  const mode: SyncMode = options.mode ?? options.mapping.mode;
  const concurrency = options.concurrency ?? 4;
  const rate = options.rate ?? 5;
  const dryRun = options.dryRun ?? false;
  const only = options.only ?? "all";
  const policy = normalizeRetryPolicy(options.retryPolicy);
  const pollSchedule: PollSchedule = { ...DEFAULT_POLL_SCHEDULE, ...options.pollSchedule };
  const queue = new RequestQueue({ concurrency, rate });
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 1)) {
    throw new TypeError(`Expected \`limit\` to be an integer from 1 and up, got \`${options.limit}\``);
  }
  if (!dryRun && (!options.client || !options.state))
    throw new TypeError("runSync needs `client` and `state` unless dryRun is set");

  const stop = new AbortController();
  const hard = new AbortController();
  // Every queued request and poll wait listens on these; thousands of listeners are expected, not a leak.
  setMaxListeners(0, stop.signal, hard.signal);
  let graceTimer: NodeJS.Timeout | undefined;
  /** Stop taking rows and starting requests; requests in flight get `graceMs` to finish, then are cancelled. */
  const beginStop = (reason: string, cause: unknown) => {
    if (stop.signal.aborted) return;
    options.onEvent?.({ type: "aborting", reason });
    stop.abort(cause);
    graceTimer = setTimeout(() => hard.abort(cause), options.graceMs ?? 10_000);
    graceTimer.unref();
  };
  const onSignal = () =>
    beginStop("interrupted: finishing requests in flight", new AbortError("INTERRUPTED", "interrupted"));
  if (options.signal?.aborted) onSignal();
  else options.signal?.addEventListener("abort", onSignal, { once: true });

  const scheduled = options.client
    ? new ScheduledClient({
        client: options.client,
        queue,
        policy,
        signal: stop.signal,
        hardSignal: hard.signal,
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      })
    : undefined;

  const counts = emptyCounts();
  const plan: PlanCounts = { new: 0, changed: 0, unchanged: 0, retry: 0 };
  let notReached = 0;
  let runError: AbortError | undefined;
  let unexpected: unknown;
  const counters: RowCounters = { active: 0, waiting: 0 };
  const maxActive = Math.max(16, concurrency * 4);
  const maxWaiting = 10_000;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const opened = await options.source.open();
  let sink: Sink | undefined;
  const inflight = new Set<Promise<void>>();
  /** The last started row per canonical phone, while it runs. */
  const phoneChains = new Map<string, Promise<void>>();
  /** A failure of the run itself (source read error, sink write error, a bug) — not a row problem. */
  let loopError: unknown;
  try {
    checkMapping(options.mapping, opened.headers);
    const classify = createRowClassifier(options.mapping, opened.headers);
    sink = await options.createSink(opened);
    // A key-addressed sink (Sheets) needs to tell apart rows sharing a key, invalid ones included: number them here,
    // in source order. Kept only for such sinks, so a million-row CSV run does not pay for a map of every key.
    const keyColumn = keyColumnOf(options.mapping);
    const keyOf = sink.wantsKeyOrdinal ? keyOfCell(options.mapping) : undefined;
    const keyOrdinals = sink.wantsKeyOrdinal ? ordinalCounter() : undefined;
    options.onEvent?.({
      type: "start",
      source: options.source.label,
      mode,
      dryRun,
      ...(options.statePath ? { statePath: options.statePath } : {}),
    });

    const ctx: ContactContext | undefined =
      scheduled && options.state
        ? {
            first: scheduled.at(Priority.NEW_ROW),
            follow: scheduled.at(Priority.FOLLOW_UP),
            poll: scheduled.at(Priority.POLL),
            state: options.state,
            mode,
            waitForAdds: options.wait ?? true,
            addTimeoutMs: options.addTimeoutMs ?? 600_000,
            pollSchedule,
            uncertainProbeMs: options.uncertainProbeMs ?? 10_000,
            signal: stop.signal,
            now,
            ...(options.onEvent ? { onEvent: options.onEvent } : {}),
            onAddWait: (waiting) => {
              counters.waiting += waiting ? 1 : -1;
              counters.active += waiting ? -1 : 1;
              notify();
            },
          }
        : undefined;

    // Not async on purpose: the CSV sink usually accepts a row synchronously, and on a 100 000-row unchanged re-run
    // an await per row (a microtask each) is a visible share of the time. Callers await only a returned promise.
    const write = (
      seq: number,
      row: SourceRow,
      status: string | undefined,
      extra?: Partial<RowResult>,
    ): void | Promise<void> => {
      const result: RowResult = { seq, rowNumber: row.rowNumber, values: row.values };
      if (status) result.status = status;
      return sink!.write(extra ? Object.assign(result, extra) : result);
    };
    const finish = (
      seq: number,
      row: SourceRow,
      outcome: Outcome,
      extra?: Partial<RowResult>,
      error?: string,
    ): void | Promise<void> => {
      countOutcome(counts, outcome);
      options.onEvent?.({ type: "row", seq, rowNumber: row.rowNumber, outcome, ...(error ? { error } : {}) });
      return write(seq, row, outcome, error ? { ...extra, error } : extra);
    };

    let seq = 0;
    let dataRows = 0;
    for await (const row of opened.rows) {
      if (options.limit !== undefined && dataRows >= options.limit) break;
      dataRows += 1;
      const rowSeq = seq++;
      if (stop.signal.aborted || scheduled?.fatal) {
        notReached += 1;
        await write(rowSeq, row, undefined);
        continue;
      }
      const verdict = classify(row);
      const ident =
        keyOrdinals?.(verdict.kind === "invalid" ? keyOf!(row.values[keyColumn] ?? "") : verdict.draft.key) ?? {};
      if (verdict.kind === "invalid") {
        await finish(rowSeq, row, "invalid", ident, verdict.problems.map(problemText).join("; "));
        continue;
      }
      if (verdict.kind === "duplicate") {
        await finish(rowSeq, row, "duplicate", ident, problemText(verdict.problem));
        continue;
      }
      const draft = verdict.draft;
      const hash = valuesHash(draft);
      const prior = options.state?.get(draft.key);
      const filtered =
        only !== "all" && !(only === "failed" ? prior?.lastOutcome === "failed" : prior?.lastOutcome === "pending");
      if (filtered) {
        // Not this run's business: keep what the last run reported for the row.
        countOutcome(counts, "unchanged");
        await write(rowSeq, row, prior?.lastOutcome ?? "skipped", {
          ...ident,
          key: draft.key,
          ...known(prior),
          ...(prior?.error ? { error: `${prior.errorCode}: ${prior.error}` } : {}),
        });
        options.onEvent?.({ type: "row", seq: rowSeq, rowNumber: row.rowNumber, outcome: "skipped" });
        continue;
      }
      // The common case of a scheduled run: finished here, without a task, a queue slot or a journal write.
      if (!dryRun && isUnchanged(prior, hash, options.full ?? false)) {
        await finish(rowSeq, row, "unchanged", { ...ident, key: draft.key, ...known(prior) });
        continue;
      }
      if (dryRun || !ctx) {
        const planned = planRow(prior, hash, options.full ?? false);
        plan[planned] += 1;
        // A dry run changes nothing: rows it would touch count in the plan, not as outcomes.
        if (planned === "unchanged") countOutcome(counts, "unchanged");
        else counts.total += 1;
        await write(rowSeq, row, plannedStatus(planned, mode), { ...ident, key: draft.key });
        continue;
      }
      // Backpressure (p-queue onSizeLessThan in spirit): pull the next row only when there is room.
      while ((counters.active >= maxActive || counters.waiting >= maxWaiting) && !stop.signal.aborted) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      if (stop.signal.aborted || scheduled?.fatal) {
        notReached += 1;
        await write(rowSeq, row, undefined, { key: draft.key });
        continue;
      }
      counters.active += 1;
      // Rows sharing a phone under different keys run one after the other: run together, both could miss the chat
      // and both send chat_add (two first messages). The second then finds the chat the first one created.
      const samePhoneBefore = phoneChains.get(draft.phone.canonical);
      const task = (async () => {
        let result: ContactResult | undefined;
        try {
          if (samePhoneBefore) await samePhoneBefore;
          result = await syncContact(draft, hash, ctx, { full: options.full ?? false });
        } catch (error) {
          if (isAbortError(error) && error.code !== "INTERRUPTED") {
            runError ??= error;
            beginStop(error.message, error);
          } else if (!stop.signal.aborted && !isRowFailure(error)) {
            unexpected ??= error;
            beginStop(`unexpected error: ${(error as Error).message}`, error);
          }
        }
        if (result) {
          const message = result.error ? `${result.errorCode}: ${result.error}` : undefined;
          await finish(
            rowSeq,
            row,
            result.outcome,
            {
              ...ident,
              key: draft.key,
              ...(result.chatNumber ? { chatNumber: result.chatNumber } : {}),
              ...(result.chatAddId ? { chatAddId: result.chatAddId } : {}),
              ...(result.syncedAt ? { syncedAt: result.syncedAt } : {}),
            },
            message,
          );
        } else {
          // Stopped mid-row: an add already in ChatGuru's hands is `pending`; anything else was not reached.
          const state = options.state?.get(draft.key);
          if (state?.addStatus === "pending" && state.chatAddId) {
            await finish(rowSeq, row, "pending", { ...ident, key: draft.key, chatAddId: state.chatAddId });
            await options.state!.update(draft.key, { lastOutcome: "pending", pendingHash: hash });
          } else {
            notReached += 1;
            await write(rowSeq, row, undefined, { key: draft.key });
          }
        }
      })()
        .catch((error: unknown) => {
          // Recording the outcome failed (results or journal write): the run cannot vouch for its output.
          unexpected ??= error;
          beginStop(`unexpected error: ${(error as Error).message}`, error);
        })
        .finally(() => {
          counters.active -= 1;
          inflight.delete(task);
          if (phoneChains.get(draft.phone.canonical) === task) phoneChains.delete(draft.phone.canonical);
          notify();
        });
      phoneChains.set(draft.phone.canonical, task);
      inflight.add(task);
      if (scheduled?.fatal && !runError) {
        runError = scheduled.fatal;
        beginStop(runError.message, runError);
      }
    }
    options.onEvent?.({ type: "source-done", total: dataRows });
  } catch (error) {
    loopError = error;
    // Rows already started get their grace period; a failure before any row (mapping, header) is just thrown below.
    if (inflight.size > 0) beginStop((error as Error).message, error);
    else stop.abort(error);
  }
  // Rows already started always finish (or are cancelled after the grace period) before anything is closed.
  try {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
    if (scheduled?.fatal) runError ??= scheduled.fatal;
  } finally {
    options.signal?.removeEventListener("abort", onSignal);
    if (graceTimer) clearTimeout(graceTimer);
    queue.close();
    await opened.close();
  }
  let failure = loopError ?? unexpected;
  const sent = scheduled?.requests.total ?? 0;
  if (failure !== undefined && (sent === 0 || !sink)) {
    // Nothing reached ChatGuru: a plain configuration/source error (exit 2), and no half-written results.
    await sink?.discard().catch(() => undefined);
    throw failure;
  }
  let written: Awaited<ReturnType<Sink["close"]>> | undefined;
  try {
    written = sink ? await sink.close() : undefined;
  } catch (error) {
    if (sent === 0) throw error;
    failure ??= error;
  }

  const interrupted = options.signal?.aborted ?? false;
  let exitCode = exitCodeFor(counts);
  let error: SyncReport["error"];
  if (runError) {
    exitCode = ExitCode.ABORTED;
    error = { code: runError.code, message: runError.message };
  } else if (failure !== undefined) {
    // Requests were already sent, so this is not "nothing was sent" (exit 2): the run stopped part-way (exit 3).
    exitCode = ExitCode.ABORTED;
    error = {
      code: isSyncError(failure) ? failure.code : "INTERNAL",
      message: `${(failure as Error).message ?? String(failure)} — the run stopped part-way; rows already synced are recorded, run again after fixing this.`,
    };
  } else if (interrupted) {
    exitCode = ExitCode.INTERRUPTED;
    error = {
      code: "INTERRUPTED",
      message: "Interrupted: requests in flight finished and state was flushed; run again to continue.",
    };
  }
  const report: SyncReport = {
    ok: exitCode === ExitCode.OK,
    exitCode,
    counts,
    requests: scheduled?.requests ?? { total: 0, retries: 0, byAction: {} },
    durationMs: Date.now() - started,
    ...(written ? { results: written.location } : {}),
    ...(options.statePath ? { state: options.statePath } : {}),
    ...(error ? { error } : {}),
    ...(notReached > 0 ? { notReached } : {}),
    ...(dryRun ? { plan } : {}),
  };
  for (const note of written?.notes ?? []) options.onEvent?.({ type: "warning", message: note });
  options.onEvent?.({ type: "end", report });
  return report;
}

function ordinalCounter(): (key: string | undefined) => { key?: string; keyOrdinal?: number } {
  const seen = new Map<string, number>();
  return (key) => {
    if (key === undefined) return {};
    const keyOrdinal = seen.get(key) ?? 0;
    seen.set(key, keyOrdinal + 1);
    return { key, keyOrdinal };
  };
}

function plannedStatus(planned: keyof PlanCounts, mode: SyncMode): string {
  if (planned === "unchanged") return "unchanged";
  if (planned === "changed") return "would-update";
  if (planned === "retry") return "would-retry";
  return mode === "upsert" ? "would-upsert" : `would-${mode}`;
}

function problemText(problem: { row: number; column?: string; code: string; message: string }): string {
  return `${problem.code}: ${problem.column ? `column "${problem.column}": ` : ""}${problem.message}`;
}
