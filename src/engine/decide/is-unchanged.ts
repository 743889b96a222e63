import type { RowState } from "../../state/state-store.js";

const SUCCESS: ReadonlySet<string> = new Set(["created", "updated", "unchanged"]);

/**
 * The values last applied successfully are the ones the row holds now: nothing to send. Change detection keys on the
 * values hash the journal kept for the row's last success (see docs/journal.md).
 */
export function isUnchanged(prior: RowState | undefined, hash: string, full: boolean): boolean {
  return !full && prior?.hash === hash && prior.lastOutcome !== undefined && SUCCESS.has(prior.lastOutcome);
}
