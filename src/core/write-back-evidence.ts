import type { WriteBackColumns } from "./row-result.js";

/** Statuses this tool writes only for a row it took to ChatGuru (invalid and duplicate rows never got that far). */
const REACHED: ReadonlySet<string> = new Set(["created", "updated", "unchanged", "pending", "failed"]);

/**
 * The row (of a source, a sheet or an earlier results file) carries this tool's write-back for a run that took it to
 * ChatGuru: a message id, a synced_at, or a status such a run writes. Evidence that an earlier run may have sent the
 * row's dialog or message (engine/follow-ups/hold-rule.ts).
 */
export function carriesWriteBack(values: Readonly<Record<string, string>>, writeBack: WriteBackColumns): boolean {
  const cell = (column: string | undefined) => (column === undefined ? "" : (values[column] ?? "").trim());
  return (
    cell(writeBack.message_id) !== "" ||
    cell(writeBack.synced_at) !== "" ||
    REACHED.has(cell(writeBack.status).toLowerCase())
  );
}
