/**
 * Calls `flush` at most once per `intervalMs`, however often `touch` is called: a run finishing thousands of rows a
 * second still sends the pages a few snapshots a second. The first touch after a quiet spell flushes at once.
 */
export class Throttle {
  #timer: NodeJS.Timeout | undefined;
  #last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Something changed: flush when the interval allows (now, or once the interval since the last flush is over). */
  touch(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + this.intervalMs - this.now());
    this.#timer = setTimeout(() => this.flushNow(), wait);
  }

  /** A change that must go out now (a state change): flushes and restarts the interval. */
  flushNow(): void {
    this.cancel();
    this.#last = this.now();
    this.flush();
  }

  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
