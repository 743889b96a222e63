import type { SyncEvent } from "../engine/events.js";

const MAX_LISTED = 50;

/**
 * Rows whose requests started and have not finished, from the run's events. A second Ctrl-C exits at once (no
 * results written, nothing waited for); what it leaves behind is exactly these rows, so that is what it reports.
 */
export class InFlightRows {
  readonly #rows = new Map<number, number>();

  readonly track = (event: SyncEvent): void => {
    if (event.type === "row-start") this.#rows.set(event.seq, event.rowNumber);
    else if (event.type === "row") this.#rows.delete(event.seq);
  };

  describe(): string {
    const rows = [...this.#rows.values()].sort((a, b) => a - b);
    const listed = rows.slice(0, MAX_LISTED).join(", ");
    const more = rows.length > MAX_LISTED ? ` and ${rows.length - MAX_LISTED} more` : "";
    const inFlight =
      rows.length === 0
        ? "No row was in flight."
        : `May have been in flight: ${rows.length === 1 ? "row" : "rows"} ${listed}${more} (ChatGuru may or may not have received their last request).`;
    return [
      "second Ctrl-C: stopped at once, without waiting for requests in flight.",
      inFlight,
      "The results file was not rewritten by this run; the journal holds every row that finished and every add that was sent.",
      "Run the same command again: it checks those rows and never adds a chat twice.",
    ].join("\n");
  }
}

let current: InFlightRows | undefined;

/** The run a forced exit should report on (one at a time per process); returns the unregister function. */
export function reportOnForcedExit(rows: InFlightRows): () => void {
  current = rows;
  return () => {
    if (current === rows) current = undefined;
  };
}

/** What a second Ctrl-C leaves behind, when a sync run is under way. */
export function forcedExitMessage(): string | undefined {
  return current?.describe();
}
