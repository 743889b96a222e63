import type { RowState } from "../../state/state-store.js";

/** Statuses after which a message does not change any more (or that have no id to ask about). */
const SETTLED: ReadonlySet<string> = new Set(["sent", "delivered", "read", "failed", "error", "canceled", "cancelled"]);

/** A message or file id whose status may still move. */
export function openStatus(id: string | undefined, status: string | undefined): id is string {
  return id !== undefined && id !== "" && (status === undefined || !SETTLED.has(status));
}

/** The row has a message or file sent earlier whose status may still move (`scheduled` → `sent`). */
export function needsStatusRefresh(prior: RowState | undefined): boolean {
  return openStatus(prior?.messageId, prior?.messageStatus) || openStatus(prior?.fileId, prior?.fileStatus);
}
