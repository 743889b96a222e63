import type { RowState } from "../../state/state-store.js";
import type { PlanCounts } from "../shared/sync-report.js";

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
