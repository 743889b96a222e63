import { sleep as realSleep } from "../../util/sleep.js";

/**
 * A start may be this late and still keep its place on the grid. Any rolling second then holds at most
 * (1000 + LATE_TOLERANCE_MS) / interval grid points, which stays under R while the interval keeps a 2 % guard
 * (1000 × 1.02 / R per start leaves 20 ms); later than this (a stalled event loop, the end of a pause) the grid restarts.
 */
const LATE_TOLERANCE_MS = 10;

/**
 * Spaces request starts evenly, one every `intervalMs`, on a fixed grid: a timer that fires a millisecond late does not
 * push every later start back (p-queue's strict interval measures from the actual start, and those milliseconds added
 * up to ~3 % of the rate). Callers waiting together are let go one per grid point, in the order they started waiting.
 */
export class StartPacer {
  #next = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = realSleep,
  ) {}

  /** Resolves when the caller may start; never before `notBefore()` (a 429 pause). Rejects when `signal` aborts. */
  async take(notBefore: () => number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      const at = Math.max(this.#next, notBefore());
      if (at <= now) {
        this.#next = (now - at > Math.min(LATE_TOLERANCE_MS, this.intervalMs / 2) ? now : at) + this.intervalMs;
        return;
      }
      await this.sleep(at - now, signal);
    }
  }
}
