import { isRunAbortedError, textOf, type RunAbortedError } from "../../errors.js";
import { text } from "../../messages/text.js";
import type { ConfigStop } from "../job/row-result.js";
import { isRowFailure } from "../shared/row-failure.js";
import type { StopController } from "./stop-controller.js";

/**
 * Error routing for a run: row problems stay with their row (RowFailure → a `failed` outcome, never here); a
 * run-level stop (auth, too many failures: RunAbortedError) ends the run with exit 3; anything else is a failure of the
 * run itself (a source read or sink write error, a bug) and stops it too. Every route begins a graceful stop.
 */
export class RunFailures {
  /** The run-level stop (RunAbortedError other than the user's interrupt). */
  runError: RunAbortedError | undefined;
  /** A failure of a row task that is not a row problem, or of recording a row's outcome. */
  unexpected: unknown;
  /** A failure of the read loop itself: source, mapping, sink creation, a write of a row never started. */
  loopError: unknown;

  constructor(private readonly stop: StopController) {}

  /** What failed the run, if anything did (the run-level stop aside). */
  get failure(): unknown {
    return this.loopError ?? this.unexpected;
  }

  /** An error a row's pipeline threw (row problems were already turned into outcomes there). */
  fromRow(error: unknown): void {
    if (isRunAbortedError(error)) {
      this.runError ??= error;
      this.stop.begin(textOf(error), error);
    } else if (!this.stop.stopped && !isRowFailure(error)) {
      this.fromOutput(error);
    }
  }

  /**
   * A row met a setting every row shares that ChatGuru does not know: stop taking rows at once, every other row would fail alike. The short
   * reason is said while rows in flight finish; the full message, with its one hint, ends the run.
   */
  fromConfig(stop: ConfigStop): void {
    this.runError ??= stop.error;
    this.stop.begin(stop.reasonText, stop.error);
  }

  /** Recording a row's outcome failed (results or journal write): the run cannot vouch for its output. */
  fromOutput(error: unknown): void {
    this.unexpected ??= error;
    this.stop.begin(text("run.unexpectedError", { message: textOf(error) }), error);
  }

  /** The scheduled client gave up on the run (auth, too many consecutive failures). */
  fromScheduler(fatal: RunAbortedError | undefined): void {
    if (!fatal || this.runError) return;
    this.runError = fatal;
    this.stop.begin(textOf(fatal), fatal);
  }

  /** Rows already started get their grace period; a failure before any row (mapping, header) just stops. */
  fromLoop(error: unknown, rowsRunning: boolean): void {
    this.loopError = error;
    if (rowsRunning) this.stop.begin(textOf(error), error);
    else this.stop.abortNow(error);
  }
}
