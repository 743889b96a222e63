import type { Outcome } from "../../core/outcome.js";
import type { ContactDraft } from "../../mapping/contact.js";

/**
 * An unknown custom field, dialog or user id fails every row, and in upsert/create ChatGuru only says so
 * AFTER the chat exists (the update follows a chat_add that takes 1–30 s to finish). Without a bound, every row read
 * meanwhile would send its own chat_add first. Until ChatGuru has shown it knows what a row sends, at most `limit` rows
 * (--concurrency) may have a chat_add out; the others wait here, holding no queue slot. A run stop wakes every waiter.
 *
 * What opens it: the first `created`/`updated` row (fields, dialog and user all went through) opens it for the rest of
 * the run; before that, custom fields ChatGuru accepted in any chat_update_custom_fields let through the rows that send
 * only those — whatever the words of their adds. An add whose chat_add_status word is not documented can prove nothing
 * while it waits, so its place is handed on (`release`) instead of holding the run for --add-timeout.
 *
 * A dialog id is proved the same way, one id at a time: ChatGuru refuses an unknown one only in dialog_execute's
 * answer, so while one dialog_execute with an unproved id is out the next rows wait before journaling theirs
 * (`beforeDialog`). A dialog_execute that did not run keeps its place until its row is done, so a refusal stops the
 * run (the row's outcome is read before its place is freed) with a single dialog_execute sent, not one per row in flight.
 */
export class ConfigGate {
  #proven = false;
  /** Custom field names (as the mapping writes them) ChatGuru accepted in a chat_update_custom_fields. */
  readonly #acceptedFields = new Set<string>();
  readonly #holders = new Map<string, ContactDraft>();
  #waiters: Array<() => void> = [];
  /** Dialog ids a dialog_execute ran (or a created/updated row proved), and those with a dialog_execute out now. */
  readonly #provenDialogs = new Set<string>();
  readonly #dialogsOut = new Map<string, string>();

  constructor(
    private readonly limit: number,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener("abort", () => this.#wakeAll(), { once: true });
  }

  /** Whether a row's add can meet a setting ChatGuru has not yet shown it knows. */
  needsProof(draft: ContactDraft): boolean {
    if (this.#proven) return false;
    if (draft.dialogId !== undefined || draft.chatAdd.dialogId !== undefined || draft.chatAdd.userId !== undefined)
      return true;
    return Object.keys(draft.fields).some((name) => !this.#acceptedFields.has(name));
  }

  /** Whether the run is waiting on this row's add to prove the mapping. */
  holds(key: string): boolean {
    return this.#holders.has(key);
  }

  /** Waits, before the row's chat_add, while `limit` rows already have an add out on an unproven mapping. */
  async beforeAdd(draft: ContactDraft): Promise<void> {
    if (this.#holders.has(draft.key) || !this.needsProof(draft)) return;
    while (this.needsProof(draft) && this.#holders.size >= this.limit && !this.signal?.aborted) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    // The run stopped while this row waited: it sends nothing more and ends not reached.
    if (this.signal?.aborted) throw this.signal.reason;
    if (this.needsProof(draft)) this.#holders.set(draft.key, draft);
  }

  /** ChatGuru accepted these custom fields (a chat_update_custom_fields answered success). */
  fieldsAccepted(names: readonly string[]): void {
    const before = this.#acceptedFields.size;
    for (const name of names) this.#acceptedFields.add(name);
    if (this.#acceptedFields.size === before) return;
    for (const [key, draft] of this.#holders) if (!this.needsProof(draft)) this.#holders.delete(key);
    this.#wakeAll();
  }

  /** This row's add can prove nothing for now (an undocumented status word): its place goes to the next row. */
  release(key: string): void {
    if (this.#holders.delete(key)) this.#waiters.shift()?.();
  }

  /** The row finished (any outcome, or none when the run stopped): frees its place; a success proves the mapping. */
  rowDone(key: string, outcome: Outcome | undefined): void {
    if (this.#freeDialogPlaces(key)) this.#wakeAll();
    const held = this.#holders.delete(key);
    if (outcome === "created" || outcome === "updated") {
      this.#proven = true;
      this.#holders.clear();
      this.#wakeAll();
    } else if (held) {
      this.#waiters.shift()?.();
    }
  }

  /** Waits, before a row journals its dialog_execute, while another row's dialog_execute is proving the same id. */
  async beforeDialog(dialogId: string, key: string): Promise<void> {
    while (!this.#dialogKnown(dialogId) && this.#dialogsOut.has(dialogId) && !this.signal?.aborted) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    // The run stopped while this row waited: its dialog was never journaled nor sent.
    if (this.signal?.aborted) throw this.signal.reason;
    if (!this.#dialogKnown(dialogId)) this.#dialogsOut.set(dialogId, key);
  }

  /** ChatGuru ran a dialog_execute with this id: the id is proved and the rows waiting on it go. */
  dialogRan(dialogId: string): void {
    if (this.#provenDialogs.has(dialogId)) return;
    this.#provenDialogs.add(dialogId);
    this.#dialogsOut.delete(dialogId);
    this.#wakeAll();
  }

  #freeDialogPlaces(key: string): boolean {
    let freed = false;
    for (const [dialogId, holder] of this.#dialogsOut) {
      if (holder === key) freed = this.#dialogsOut.delete(dialogId);
    }
    return freed;
  }

  #dialogKnown(dialogId: string): boolean {
    return this.#proven || this.#provenDialogs.has(dialogId);
  }

  #wakeAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
