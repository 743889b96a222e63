import type { Outcome } from "../sinks/sink.js";

/** Add status as the journal records it. `intent` = chat_add about to be sent, response not yet seen. */
export type JournalAddStatus = "intent" | "pending" | "done" | "fetched" | "error" | "uncertain";

/** What the journal remembers per row key (SPEC §6). Never holds the API key. */
export interface RowState {
  key: string;
  /** The chat number that worked last (may be the 12-digit form or a `corrigido para` number). */
  number?: string;
  chatAddId?: string;
  addStatus?: JournalAddStatus;
  /** Hash of the mapped values last applied successfully. */
  hash?: string;
  /** Hash of the values the pending add is waiting to apply (so `status` can finish the job). */
  pendingHash?: string;
  lastOutcome?: Outcome;
  errorCode?: string;
  error?: string;
  rowNumber?: number;
  /** ISO time of the last successful sync. */
  syncedAt?: string;
  updatedAt: string;
}

/**
 * Durable per-key journal. `update` merges a patch into the key's record and is durable (written and flushed)
 * when the returned promise resolves — callers await it BEFORE a chat_add and after every external effect.
 */
export interface StateStore {
  readonly path: string;
  get(key: string): RowState | undefined;
  update(key: string, patch: Partial<Omit<RowState, "key" | "updatedAt">>): Promise<RowState>;
  entries(): IterableIterator<RowState>;
  readonly size: number;
  /** Compacts if needed, releases the lock, closes the file. Safe to call twice. */
  close(): Promise<void>;
}
