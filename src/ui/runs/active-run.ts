import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { SyncEvent } from "../../engine/shared/events.js";
import type { SyncReport } from "../../engine/shared/sync-report.js";
import { isRunAbortedError, isSyncError } from "../../errors.js";
import { sync, type SyncOptions } from "../../sync.js";
import { safeJson, type Secrets } from "../http/respond.js";
import { writeFileAtomic } from "../write-atomic.js";
import { EventHub } from "./event-hub.js";
import { RunProgress } from "./run-progress.js";
import { Throttle } from "./throttle.js";
import { runView, type RunRecord, type RunState } from "./run-record.js";

/** At most this often a snapshot goes out, however fast rows finish: a page redraws 4 times a second at most. */
export const MIN_EVENT_INTERVAL_MS = 250;
/** run.json is rewritten at most this often while a run moves: after a kill -9 the history shows counts this fresh. */
const PERSIST_EVERY_MS = 2_000;
const PROBLEM_OUTCOMES = new Set(["failed", "invalid", "duplicate"]);

export interface ActiveRunOptions {
  record: RunRecord;
  dir: string;
  secrets: Secrets;
  /** What the run's results and errors files will be called (they exist only once the run wrote them). */
  expectedFiles: { results: string };
  now?: () => number;
  minIntervalMs?: number;
}

/**
 * One run the server owns: it calls the library's sync() with an abort signal (Parar and Ctrl-C stop it the way
 * SIGINT stops the CLI), turns its events into throttled snapshots for the pages, and keeps run.json and the event
 * log in the run's folder. Nothing here decides anything about rows: that is sync()'s.
 */
export class ActiveRun {
  readonly hub: EventHub;
  readonly #controller = new AbortController();
  readonly #progress: RunProgress;
  readonly #log: WriteStream;
  readonly #now: () => number;
  readonly #throttle: Throttle;
  #lastPersist = 0;
  #saving: Promise<void> = Promise.resolve();
  #started = false;

  constructor(private readonly options: ActiveRunOptions) {
    this.#now = options.now ?? Date.now;
    this.#throttle = new Throttle(options.minIntervalMs ?? MIN_EVENT_INTERVAL_MS, () => this.#publish(), this.#now);
    this.hub = new EventHub(options.record.lastEventId);
    this.#progress = new RunProgress(options.record, this.#now);
    this.#log = createWriteStream(join(options.dir, "events.ndjson"), { flags: "a" });
    this.#log.on("error", () => {});
  }

  get record(): RunRecord {
    return this.options.record;
  }

  /**
   * Starts sync(); `started` settles once the run holds the journal's lock and has opened the file (or could not),
   * `done` when it has ended, whatever the end.
   */
  run(syncOptions: SyncOptions): { started: Promise<void>; done: Promise<void> } {
    let markStarted!: () => void;
    let failStart!: (error: unknown) => void;
    const started = new Promise<void>((resolve, reject) => {
      markStarted = resolve;
      failStart = reject;
    });
    const onEvent = (event: SyncEvent) => {
      if (event.type === "start" && !this.#started) {
        this.#started = true;
        markStarted();
      }
      this.#onEvent(event);
    };
    // A page that opens the stream before the first row still gets the Run at once.
    this.#throttle.flushNow();
    const done = sync({ ...syncOptions, signal: this.#controller.signal, onEvent }).then(
      (report) => this.#finish(report),
      (error: unknown) => {
        if (!this.#started) failStart(error);
        return this.#fail(error);
      },
    );
    return { started, done };
  }

  /** Parar: graceful, as Ctrl-C in the CLI — requests in flight finish, results and journal are written. */
  stop(reason?: string): void {
    if (this.record.state !== "running") return;
    this.record.state = "stopping";
    if (reason) this.record.notices.push(reason);
    this.#controller.abort(new Error("stopped from the web app"));
    this.#throttle.flushNow();
  }

  #onEvent(event: SyncEvent): void {
    this.#progress.onEvent(event);
    this.#logEvent(event);
    if (this.#progress.dirty) this.#throttle.touch();
  }

  #logEvent(event: SyncEvent): void {
    const at = new Date(this.#now()).toISOString();
    if (event.type === "row") {
      if (PROBLEM_OUTCOMES.has(event.outcome) && event.error)
        this.#write({ at, type: "problem", row: event.rowNumber, outcome: event.outcome, message: event.error });
      return;
    }
    if (event.type === "notice" || event.type === "warning")
      this.#write({ at, type: event.type, message: event.message });
    else if (event.type === "aborting") this.#write({ at, type: event.type, reason: event.reason });
    else if (event.type === "start" || event.type === "source-done" || event.type === "messages-sent")
      this.#write({ at, ...event });
  }

  #write(line: unknown): void {
    this.#log.write(`${safeJson(line, this.options.secrets)}\n`);
  }

  /** Publishes the whole Run: on a state change at once, else when the throttle allows. */
  #publish(): void {
    const { record } = this;
    const final = record.state !== "running" && record.state !== "stopping";
    if (!final) this.#progress.measure();
    this.#progress.dirty = false;
    const at = this.#now();
    const event = this.hub.publish(safeJson(runView(record), this.options.secrets), final);
    record.lastEventId = event.id;
    const { counts, requests, rate, etaSeconds, state } = record;
    this.#write({
      at: new Date(at).toISOString(),
      type: "run",
      id: event.id,
      state,
      counts,
      requests,
      rate,
      etaSeconds,
    });
    if (final || at - this.#lastPersist >= PERSIST_EVERY_MS) void this.save();
  }

  /** run.json, written one at a time (a rename racing another would lose the newer one). */
  save(): Promise<void> {
    this.#lastPersist = this.#now();
    const text = `${JSON.stringify(this.record, null, 2)}\n`;
    this.#saving = this.#saving.then(() => writeFileAtomic(join(this.options.dir, "run.json"), text)).catch(() => {});
    return this.#saving;
  }

  async #finish(report: SyncReport): Promise<void> {
    this.#progress.finish(report);
    const state: RunState =
      report.exitCode === 130 ? "stopped" : report.exitCode === 3 || report.exitCode === 2 ? "failed" : "finished";
    await writeFileAtomic(join(this.options.dir, "report.json"), `${safeJson(report, this.options.secrets)}\n`);
    this.record.files.report = "report.json";
    this.#write({
      at: new Date(this.#now()).toISOString(),
      type: "end",
      exitCode: report.exitCode,
      counts: report.counts,
    });
    await this.#end(state, report);
  }

  async #fail(error: unknown): Promise<void> {
    const code = isSyncError(error) ? error.code : "INTERNAL";
    const message = error instanceof Error ? error.message : String(error);
    this.record.error = { code, message };
    // The CLI's exit codes: a run stopped by the journal's lock or ChatGuru is 3, a setting or file problem 2.
    this.record.exitCode = isRunAbortedError(error) ? 3 : 2;
    this.#write({ at: new Date(this.#now()).toISOString(), type: "error", code, message });
    await this.#end("failed", undefined);
  }

  async #end(state: RunState, report: SyncReport | undefined): Promise<void> {
    const { record } = this;
    record.state = state;
    record.endedAt = new Date(this.#now()).toISOString();
    record.etaSeconds = null;
    record.files = { ...record.files, ...filesOf(this.options, report) };
    this.#throttle.flushNow();
    await this.save();
    await new Promise<void>((resolve) => this.#log.end(() => resolve()));
  }
}

/** The run's own files that exist, by name (a stopped-before-start run has none). */
function filesOf(options: ActiveRunOptions, report: SyncReport | undefined): Partial<RunRecord["files"]> {
  const files: Partial<RunRecord["files"]> = {};
  if (existsSync(join(options.dir, options.expectedFiles.results))) files.results = options.expectedFiles.results;
  const errors = report?.errors;
  if (errors && resolve(dirname(errors)) === resolve(options.dir) && existsSync(errors))
    files.errors = basename(errors);
  return files;
}
