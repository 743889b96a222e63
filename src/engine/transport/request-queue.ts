import PQueue from "p-queue";
import { StartPacer } from "./start-pacer.js";

export interface RequestQueueOptions {
  /** Requests in flight at once. @default 4 */
  concurrency: number;
  /** Requests started per rolling second, across all actions. `Infinity` = no cap. @default 5 */
  rate: number;
}

/** Priorities: finishing rows already started beats starting new ones, which keeps memory and latency bounded. */
export const Priority = {
  NEW_ROW: 0,
  FOLLOW_UP: 5,
  POLL: 10,
} as const;

/**
 * One queue for every ChatGuru request (see docs/request-strategy.md): bounded concurrency (p-queue, by priority) plus a rate cap (starts
 * evenly spaced, start-pacer.ts), and a GLOBAL pause on 429 — in-flight requests finish, nothing new starts until the
 * pause ends.
 */
export class RequestQueue {
  readonly #queue: PQueue;
  readonly #pacer: StartPacer | undefined;
  #pausedUntil = 0;
  #resumeTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: RequestQueueOptions) {
    const { concurrency, rate } = options;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new TypeError(
        `Expected \`concurrency\` to be an integer from 1 and up, got \`${concurrency}\` (${typeof concurrency})`,
      );
    }
    if (!(rate > 0)) throw new TypeError(`Expected \`rate\` to be a number above 0, got \`${rate}\` (${typeof rate})`);
    this.#queue = new PQueue({ concurrency });
    this.#pacer = Number.isFinite(rate) ? new StartPacer((1000 / rate) * RATE_GUARD) : undefined;
  }

  /**
   * Runs `task` when a slot and the rate allow it. An aborted `signal` drops a task that has not started yet (its
   * promise rejects with the signal's reason at once), while a task already running is left to finish — p-queue's own
   * `signal` option would reject running tasks too, losing the answer of a request that did reach ChatGuru.
   */
  run<T>(task: () => Promise<T>, priority: number = Priority.NEW_ROW, signal?: AbortSignal): Promise<T> {
    if (!signal) return this.#queue.add(async () => (await this.#pace(), task()), { priority }) as Promise<T>;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      let started = false;
      const onAbort = () => {
        if (!started) reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.#queue
        .add(
          async () => {
            // Dropped while waiting for its slot or its turn: the caller has its rejection; the slot frees at once.
            try {
              await this.#pace(signal);
            } catch {
              return undefined;
            }
            if (signal.aborted) return undefined;
            signal.removeEventListener("abort", onAbort);
            started = true;
            return task();
          },
          { priority },
        )
        .then((value) => resolve(value as T), reject);
    });
  }

  /** Inside the slot: waits for the rate's next start (and for a 429 pause begun meanwhile). */
  async #pace(signal?: AbortSignal): Promise<void> {
    await this.#pacer?.take(() => this.#pausedUntil, signal);
  }

  /** Stops starting requests for `ms` (extends a running pause, never shortens it). */
  pauseFor(ms: number): void {
    if (this.#closed) return;
    const until = Date.now() + ms;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#queue.pause();
    if (this.#resumeTimer) clearTimeout(this.#resumeTimer);
    this.#resumeTimer = setTimeout(() => {
      this.#resumeTimer = undefined;
      this.#pausedUntil = 0;
      if (!this.#closed) this.#queue.start();
    }, ms);
  }

  get isPaused(): boolean {
    return this.#queue.isPaused;
  }
  /** Requests waiting to start. */
  get size(): number {
    return this.#queue.size;
  }
  /** Requests running. */
  get pending(): number {
    return this.#queue.pending;
  }

  /** Drops queued requests (they never start) and cancels a pause timer. */
  close(): void {
    this.#closed = true;
    if (this.#resumeTimer) clearTimeout(this.#resumeTimer);
    this.#queue.clear();
  }
}

/**
 * Starts are spread evenly, one every 1000/rate ms (plus 2 %), rather than `rate` at once per second: a burst of R
 * starts followed by the next burst exactly 1 000 ms later lands R + concurrency requests inside one server-side
 * second as soon as network delay varies by a millisecond (measured: 48 arrivals in a second at --rate 40). Even
 * spacing keeps every rolling second at ≤ R on the server too, and still uses ~98 % of R.
 */
const RATE_GUARD = 1.02;
