import { setMaxListeners } from "node:events";
import { InterruptedError } from "../../errors.js";
import { text, type Text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";
import type { SyncEventListener } from "../shared/events.js";

export interface StopControllerOptions {
  /** The caller's signal (SIGINT/SIGTERM): aborting it starts a graceful stop. */
  signal?: AbortSignal;
  /** How long requests in flight get to finish after a stop before they are cancelled. */
  graceMs: number;
  onEvent?: SyncEventListener;
}

/**
 * The two stages of stopping a run: `stop` (take no more rows, start no more requests) and, `graceMs` later, `hard`
 * (cancel requests in flight). A run stops on SIGINT, a run-level error or a bug; the first reason wins.
 */
export class StopController {
  readonly #stop = new AbortController();
  readonly #hard = new AbortController();
  readonly #options: StopControllerOptions;
  #graceTimer: NodeJS.Timeout | undefined;
  readonly #onSignal = () => this.begin(text("run.interruptedFinishing"), new InterruptedError("interrupted"));

  constructor(options: StopControllerOptions) {
    this.#options = options;
    // Every queued request and poll wait listens on these; thousands of listeners are expected, not a leak.
    setMaxListeners(0, this.#stop.signal, this.#hard.signal);
    if (options.signal?.aborted) this.#onSignal();
    else options.signal?.addEventListener("abort", this.#onSignal, { once: true });
  }

  /** Aborted when the run stops taking rows and starting requests. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }
  /** Aborted when requests in flight are cancelled (the grace period is over). */
  get hardSignal(): AbortSignal {
    return this.#hard.signal;
  }
  get stopped(): boolean {
    return this.#stop.signal.aborted;
  }
  /** The caller asked the run to stop (SIGINT/SIGTERM). */
  get interrupted(): boolean {
    return this.#options.signal?.aborted ?? false;
  }

  /** Stop taking rows and starting requests; requests in flight get `graceMs` to finish, then are cancelled. */
  begin(reason: Text | string, cause: unknown): void {
    if (this.#stop.signal.aborted) return;
    const said = typeof reason === "string" ? text("raw", { text: reason }) : reason;
    this.#options.onEvent?.({ type: "aborting", reason: english(said), text: said });
    this.#stop.abort(cause);
    this.#graceTimer = setTimeout(() => this.#hard.abort(cause), this.#options.graceMs);
    this.#graceTimer.unref();
  }

  /** Stops at once, with no grace period and no event: nothing was started yet. */
  abortNow(cause: unknown): void {
    this.#stop.abort(cause);
  }

  /** Detaches from the caller's signal and cancels the grace timer. */
  dispose(): void {
    this.#options.signal?.removeEventListener("abort", this.#onSignal);
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
  }
}
