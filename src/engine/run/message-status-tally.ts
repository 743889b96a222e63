import type { MessageStatusReport } from "../shared/sync-report.js";

const MAX_CHANGES = 1000;

/** Counts the answers of `status`'s message_status lookups, so a person reads what moved, not only how many asked. */
export class MessageStatusTally {
  #checked = 0;
  #unanswered = 0;
  readonly #byStatus: Record<string, number> = {};
  readonly #changed: MessageStatusReport["changed"] = [];
  #changedCount = 0;

  /** One lookup: the status known before, and ChatGuru's answer (undefined when it gave none). */
  add(row: number, kind: "message" | "file", before: string | undefined, after: string | undefined): void {
    this.#checked += 1;
    if (after === undefined) this.#unanswered += 1;
    const now = after ?? before ?? "unknown";
    this.#byStatus[now] = (this.#byStatus[now] ?? 0) + 1;
    if (after === undefined || after === before) return;
    this.#changedCount += 1;
    if (this.#changed.length < MAX_CHANGES)
      this.#changed.push({ row, kind, ...(before !== undefined ? { from: before } : {}), to: after });
  }

  summary(): MessageStatusReport | undefined {
    if (this.#checked === 0) return undefined;
    return {
      checked: this.#checked,
      byStatus: { ...this.#byStatus },
      unanswered: this.#unanswered,
      changed: [...this.#changed].sort((a, b) => a.row - b.row),
      changedCount: this.#changedCount,
    };
  }
}
