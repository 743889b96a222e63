import type { SyncEvent } from "../engine/shared/events.js";
import { ENGLISH, type Speaker } from "../messages/translate.js";

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

  describe(sp: Speaker = ENGLISH): string {
    const rows = [...this.#rows.values()].sort((a, b) => a - b);
    const inFlight =
      rows.length === 0
        ? sp.t("forced.none")
        : sp.t("forced.rows", { rows: rows.slice(0, MAX_LISTED), more: Math.max(0, rows.length - MAX_LISTED) });
    return [sp.t("forced.stopped"), inFlight, sp.t("forced.results"), sp.t("forced.again")].join("\n");
  }
}

let current: { rows: InFlightRows; sp: Speaker } | undefined;

/** The run a forced exit should report on (one at a time per process); returns the unregister function. */
export function reportOnForcedExit(rows: InFlightRows, sp: Speaker = ENGLISH): () => void {
  const entry = { rows, sp };
  current = entry;
  return () => {
    if (current === entry) current = undefined;
  };
}

/** What a second Ctrl-C leaves behind, when a sync run is under way. */
export function forcedExitMessage(): string | undefined {
  return current?.rows.describe(current.sp);
}
