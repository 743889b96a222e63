export interface AdmissionOptions {
  /** Rows running at once (holding or waiting for a queue slot). */
  maxActive: number;
  /** Rows waiting on an asynchronous chat_add (they hold no slot, only a little memory). */
  maxWaiting: number;
  /** Once aborted, waiting for room ends at once. */
  signal: AbortSignal;
}

/**
 * Which rows may start, and when. Backpressure (p-queue `onSizeLessThan` in spirit): the reader pulls the next row
 * only when there is room, so memory stays bounded whatever the source size. Rows sharing a phone run one after
 * another: run together, both could miss the chat and both send chat_add (two first messages), while the second
 * one, run after the first, finds the chat the first one created.
 */
export class Admission {
  readonly #options: AdmissionOptions;
  #active = 0;
  #waiting = 0;
  #wake: (() => void) | undefined;
  readonly #inflight = new Set<Promise<void>>();
  /** The last started row per canonical phone, while it runs. */
  readonly #chains = new Map<string, Promise<void>>();

  constructor(options: AdmissionOptions) {
    this.#options = options;
  }

  /** Rows started and not finished. */
  get size(): number {
    return this.#inflight.size;
  }

  /** Resolves when a row may start (or the run stops). */
  async waitForRoom(): Promise<void> {
    const { maxActive, maxWaiting, signal } = this.#options;
    while ((this.#active >= maxActive || this.#waiting >= maxWaiting) && !signal.aborted) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** A row starts/stops waiting on an asynchronous chat_add: it then counts as waiting, not active. */
  readonly onAddWait = (waiting: boolean): void => {
    this.#waiting += waiting ? 1 : -1;
    this.#active += waiting ? -1 : 1;
    this.#notify();
  };

  /**
   * Starts `run` once the previous row with the same `phone` has finished. `onError` gets anything `run` throws;
   * the returned promise never rejects.
   */
  start(phone: string, run: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    this.#active += 1;
    const before = this.#chains.get(phone);
    const task: Promise<void> = (async () => {
      if (before) await before;
      await run();
    })()
      .catch(onError)
      .finally(() => {
        this.#active -= 1;
        this.#inflight.delete(task);
        if (this.#chains.get(phone) === task) this.#chains.delete(phone);
        this.#notify();
      });
    this.#chains.set(phone, task);
    this.#inflight.add(task);
    return task;
  }

  /** Resolves once every started row has finished, including rows started while waiting. */
  async drain(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
