import type { Text } from "../../core/text.js";
import { problemCellText } from "../../messages/problem.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowClass } from "../../mapping/row-classifier.js";
import type { RowState } from "../../state/state-store.js";
import type { SyncMode } from "../shared/settings.js";
import type { PlanCounts } from "../shared/sync-report.js";
import { isUnchanged } from "./is-unchanged.js";
import { needsStatusRefresh } from "./needs-status-refresh.js";
import { planRow } from "./plan-row.js";
import { rowRequests } from "./row-requests.js";
import { hasUnsettledSend } from "./unsettled-sends.js";
import { valuesHash } from "./values-hash.js";

/** Which rows a run touches: "failed" = --retry-failed, "pending" = the status command. */
export type RowFilter = "all" | "failed" | "pending";

/** What the run does with one row, decided before any request. */
export type RowDecision =
  | { kind: "invalid" | "duplicate"; error: Text }
  /** Not this run's business (--retry-failed, status): keep what the last run reported. */
  | { kind: "filtered"; draft: ContactDraft; prior: RowState | undefined }
  /** The status command on a finished row with a message sent earlier: refresh its message_status. */
  | { kind: "refresh"; draft: ContactDraft; prior: RowState }
  /** The common case of a scheduled run: finished without a task, a queue slot or a journal write. */
  | { kind: "unchanged"; draft: ContactDraft; prior: RowState | undefined }
  /** Dry run: what a real run would do. */
  | { kind: "plan"; draft: ContactDraft; planned: keyof PlanCounts; status: string; requests: number }
  | { kind: "run"; draft: ContactDraft; hash: string };

export interface DecideOptions {
  only: RowFilter;
  dryRun: boolean;
  full: boolean;
  mode: SyncMode;
}

/** Pure: a classified row plus what the journal remembers of it → what to do (see docs/row-life.md). */
export function decideRow(
  verdict: RowClass,
  priorOf: (key: string) => RowState | undefined,
  options: DecideOptions,
): RowDecision {
  if (verdict.kind === "invalid") return { kind: "invalid", error: problemCellText(verdict.problems) };
  if (verdict.kind === "duplicate") return { kind: "duplicate", error: problemCellText([verdict.problem]) };
  const draft = verdict.draft;
  const hash = valuesHash(draft);
  const prior = priorOf(draft.key);
  const { only, full } = options;
  if (only !== "all" && !(only === "failed" ? prior?.lastOutcome === "failed" : prior?.lastOutcome === "pending")) {
    if (only === "pending" && !options.dryRun && prior && needsStatusRefresh(prior)) {
      return { kind: "refresh", draft, prior };
    }
    return { kind: "filtered", draft, prior };
  }
  if (options.dryRun) {
    const planned = planRow(prior, hash, full);
    const requests = rowRequests(planned, draft, prior, options.mode);
    return { kind: "plan", draft, planned, status: plannedStatus(planned, options.mode), requests };
  }
  if (isUnchanged(prior, hash, full) && !hasUnsettledSend(prior!)) return { kind: "unchanged", draft, prior };
  return { kind: "run", draft, hash };
}

function plannedStatus(planned: keyof PlanCounts, mode: SyncMode): string {
  if (planned === "unchanged") return "unchanged";
  if (planned === "changed") return "would-update";
  if (planned === "retry") return "would-retry";
  return mode === "upsert" ? "would-upsert" : `would-${mode}`;
}
