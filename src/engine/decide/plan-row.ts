import type { PlanCounts } from "../run/report.js";
import type { RowState } from "../../state/state-store.js";

const SUCCESS: ReadonlySet<string> = new Set(["created", "updated", "unchanged"]);

/** SPEC §6: the values last applied successfully are the ones the row holds now — nothing to send. */
export function isUnchanged(prior: RowState | undefined, hash: string, full: boolean): boolean {
  return !full && prior?.hash === hash && prior.lastOutcome !== undefined && SUCCESS.has(prior.lastOutcome);
}

/** What a real run would do with a valid row, judged from the journal alone (pure; used by --dry-run). */
export function planRow(prior: RowState | undefined, hash: string, full: boolean): keyof PlanCounts {
  if (!prior || (!prior.hash && !prior.chatAddId)) return "new";
  if (
    prior.lastOutcome === "failed" ||
    prior.lastOutcome === "pending" ||
    prior.addStatus === "intent" ||
    prior.addStatus === "uncertain"
  ) {
    return "retry";
  }
  if (!full && prior.hash === hash) return "unchanged";
  return "changed";
}
