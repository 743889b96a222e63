import type { Outcome } from "../core/outcome.js";
import type { ContactDraft } from "../mapping/contact.js";

/**
 * SPEC §5: an unknown custom field, dialog or user id fails every row, and in upsert/create ChatGuru only says so
 * AFTER the chat exists (the update follows a chat_add that takes 1–30 s to finish). Without a bound, every row read
 * meanwhile would send its own chat_add first. Until one row has gone all the way through (its fields, dialog and
 * user accepted), at most `limit` rows (--concurrency) may have a chat_add out; the others wait here, holding no queue
 * slot. The first `created`/`updated` row opens the gate for the rest of the run; a run stop wakes every waiter.
 */
export class ConfigGate {
  #proven = false;
  readonly #holders = new Set<string>();
  #waiters: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener("abort", () => this.#wakeAll(), { once: true });
  }

  /** Whether a row's add can meet a setting ChatGuru might not know. */
  static risky(draft: ContactDraft): boolean {
    return (
      Object.keys(draft.fields).length > 0 ||
      draft.dialogId !== undefined ||
      draft.chatAdd.dialogId !== undefined ||
      draft.chatAdd.userId !== undefined
    );
  }

  /** Whether the run is waiting on this row's add to prove the mapping. */
  holds(key: string): boolean {
    return !this.#proven && this.#holders.has(key);
  }

  /** Waits, before the row's chat_add, while `limit` rows already have an add out on an unproven mapping. */
  async beforeAdd(draft: ContactDraft): Promise<void> {
    if (this.#proven || this.#holders.has(draft.key) || !ConfigGate.risky(draft)) return;
    while (!this.#proven && this.#holders.size >= this.limit && !this.signal?.aborted) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    // The run stopped while this row waited: it sends nothing more and ends not reached.
    if (this.signal?.aborted) throw this.signal.reason;
    if (!this.#proven) this.#holders.add(draft.key);
  }

  /** The row finished (any outcome, or none when the run stopped): frees its place; a success proves the mapping. */
  rowDone(key: string, outcome: Outcome | undefined): void {
    const held = this.#holders.delete(key);
    if (outcome === "created" || outcome === "updated") {
      this.#proven = true;
      this.#wakeAll();
    } else if (held) {
      this.#waiters.shift()?.();
    }
  }

  #wakeAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
