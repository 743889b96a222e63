import PQueue from "p-queue";

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
 * One queue for every ChatGuru request (SPEC §5): bounded concurrency plus a strict sliding-window rate cap
 * (p-queue `strict`), and a GLOBAL pause on 429 — in-flight requests finish, nothing new starts until the pause ends.
 */
export class RequestQueue {
  readonly #queue: PQueue;
  #pausedUntil = 0;
  #resumeTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: RequestQueueOptions) {
    const { concurrency, rate } = options;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new TypeError(`Expected \`concurrency\` to be an integer from 1 and up, got \`${concurrency}\` (${typeof concurrency})`);
    }
    if (!(rate > 0)) throw new TypeError(`Expected \`rate\` to be a number above 0, got \`${rate}\` (${typeof rate})`);
    this.#queue = Number.isFinite(rate) ? createRateCapped(concurrency, rate) : new PQueue({ concurrency });
  }

  /**
   * Runs `task` when a slot and the rate allow it. An aborted `signal` removes a task that has not started yet
   * (its promise rejects with the signal's reason), so an aborting run does not wait for the rate cap to drain.
   */
  run<T>(task: () => Promise<T>, priority: number = Priority.NEW_ROW, signal?: AbortSignal): Promise<T> {
    return this.#queue.add(task, { priority, signal }) as Promise<T>;
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
 * p-queue's strict sliding window allows `intervalCap` starts per `interval`. A rate below 1/s becomes one start per
 * 1/rate seconds; fractional rates above 1 are scaled to a longer window so the average stays exact.
 */
function createRateCapped(concurrency: number, rate: number): PQueue {
  if (rate < 1) return new PQueue({ concurrency, intervalCap: 1, interval: Math.ceil(1000 / rate), strict: true });
  if (Number.isInteger(rate)) return new PQueue({ concurrency, intervalCap: rate, interval: 1000, strict: true });
  // e.g. 2.5 req/s → 5 per 2 s would allow a 5-request burst inside one second; cap per second at floor(rate).
  return new PQueue({ concurrency, intervalCap: Math.floor(rate), interval: 1000, strict: true });
}
