import type { SyncEvent } from "../../engine/shared/events.js";
import type { SyncReport } from "../../engine/shared/sync-report.js";
import { ui } from "../ui-language.js";
import { splitCode } from "./problem-text.js";
import type { RunProblem, RunRecord } from "./run-record.js";

const LAST_PROBLEMS = 10;
const LAST_NOTICES = 20;
/** Rows per second are measured over this window: recent enough to follow a slowdown, long enough not to jitter. */
const RATE_WINDOW_MS = 15_000;
const PROBLEM_OUTCOMES = new Set(["failed", "invalid", "duplicate"]);

/**
 * Turns the library's events into the live part of a run's record — counts, rows per second, time left, the last
 * problems and notices. Only adds and sets numbers per event: a fast run sends thousands of events a second.
 */
export class RunProgress {
  readonly #samples: Array<{ at: number; done: number }> = [];
  /** Something changed since the last snapshot. */
  dirty = false;

  constructor(
    private readonly record: RunRecord,
    private readonly now: () => number = Date.now,
  ) {}

  onEvent(event: SyncEvent): void {
    const { record } = this;
    switch (event.type) {
      case "row": {
        const outcome = event.outcome === "skipped" ? "unchanged" : event.outcome;
        record.counts[outcome] += 1;
        record.counts.total += 1;
        record.counts.done += 1;
        if (PROBLEM_OUTCOMES.has(outcome) && event.error)
          this.#problem({
            row: event.rowNumber,
            outcome,
            ...splitCode(event.error),
            ...(event.errorText ? { text: event.errorText } : {}),
          });
        break;
      }
      case "response":
        record.requests += 1;
        break;
      case "source-done":
        record.total = event.total;
        break;
      case "notice":
      case "warning":
        this.#notice(ui.say(event.text ?? event.message));
        break;
      case "aborting":
        this.#notice(ui.say(event.text ?? event.reason));
        break;
      case "messages-sent": {
        const { sent, deferred, heldRows, maxMessages } = event;
        record.messages = { sent, deferred, heldRows, maxMessages };
        break;
      }
      default:
        return;
    }
    this.dirty = true;
  }

  /** The report is the final word on counts (a stopped run's rows not reached are not outcomes). */
  finish(report: SyncReport): void {
    const { record } = this;
    record.counts = { ...report.counts, done: report.counts.total };
    record.requests = report.requests.total;
    record.exitCode = report.exitCode;
    if (report.error) record.error = report.error;
    record.etaSeconds = null;
    this.dirty = true;
  }

  /** Rows per second and time left, measured when a snapshot is taken. */
  measure(): void {
    const { record } = this;
    const at = this.now();
    this.#samples.push({ at, done: record.counts.done });
    while (this.#samples.length > 2 && at - this.#samples[0]!.at > RATE_WINDOW_MS) this.#samples.shift();
    const first = this.#samples[0]!;
    const seconds = (at - first.at) / 1000;
    record.rate = seconds >= 1 ? Math.round(((record.counts.done - first.done) / seconds) * 10) / 10 : record.rate;
    const left = record.total === null ? undefined : Math.max(0, record.total - record.counts.done);
    record.etaSeconds = left === undefined || record.rate <= 0 ? null : Math.ceil(left / record.rate);
  }

  #problem(problem: RunProblem): void {
    const list = this.record.lastProblems;
    list.push(problem);
    if (list.length > LAST_PROBLEMS) list.splice(0, list.length - LAST_PROBLEMS);
  }

  #notice(message: string): void {
    const list = this.record.notices;
    list.push(message);
    if (list.length > LAST_NOTICES) list.splice(0, list.length - LAST_NOTICES);
  }
}
