import type { Outcome } from "../core/outcome.js";

/** Add status as the journal records it. `intent` = chat_add about to be sent, response not yet seen. */
export type JournalAddStatus = "intent" | "pending" | "done" | "fetched" | "error" | "uncertain";

/** What the journal remembers per row key. Never holds the API key. */
export interface RowState {
  key: string;
  /** The chat number that worked last (may be the 12-digit form or a `corrigido para` number). */
  number?: string;
  /** The row's canonical phone that `number`, the add and the note belong to (a row whose phone is edited starts over). */
  phone?: string;
  chatAddId?: string;
  addStatus?: JournalAddStatus;
  /** Hash of the mapped values last applied successfully. */
  hash?: string;
  /** Hash of the values the pending add is waiting to apply (so `status` can finish the job). */
  pendingHash?: string;
  /**
   * The chat_add went out without the mapping's chat_add dialog_id (an upsert adding before it knew the chat was new):
   * the dialog is owed to the chat — run with dialog_execute once, and only if the add answered `done`.
   */
  addDialogOwed?: boolean;
  /** Values hash for which the mapped note was added / the dialog executed (no second note after a partial failure). */
  noteHash?: string;
  dialogHash?: string;
  /**
   * The dialog's send, like `messageStatus`: `sending` is journaled with `dialogHash` before dialog_execute leaves and
   * cleared by its answer, so one left behind means the run was killed with the request out; `uncertain` = the answer
   * was lost; `checked` = a person looked at the chat and said it went out (--resolve).
   */
  dialogStatus?: string;
  /**
   * Hash of the message text (message_send) journaled BEFORE sending: at most once per (key, text), also after a crash
   * or a lost answer. `messageId`/`messageStatus` are ChatGuru's answer; status `sending` = the answer
   * never came (the message may have gone out), `uncertain` = the answer was lost.
   */
  messageHash?: string;
  messageId?: string;
  messageStatus?: string;
  /** The same for the file (message_file_send), keyed by its url. */
  fileHash?: string;
  fileId?: string;
  fileStatus?: string;
  /** Hash of the name last sent with chat_update_name (experimental `update_name`). */
  nameHash?: string;
  /** Hash of the context variables last sent with chat_update_context (experimental `context`). */
  contextHash?: string;
  /**
   * `true`: this row's dialog, message and file are held — an earlier run may have sent them and its journal is gone
   * (engine/follow-ups/hold-rule.ts), while ChatGuru already had the chat. `false`: a person released them (--release-held),
   * so this journal knows the row from then on. Absent: no such evidence seen for the row.
   */
  held?: boolean;
  lastOutcome?: Outcome;
  errorCode?: string;
  error?: string;
  rowNumber?: number;
  /** ISO time of the last successful sync. */
  syncedAt?: string;
  updatedAt: string;
}

/** A patch: `undefined` (or absent) leaves a field as is, `null` clears it. */
export type RowStatePatch = { [K in keyof Omit<RowState, "key" | "updatedAt">]?: RowState[K] | null };

/**
 * Durable per-key journal. `update` merges a patch into the key's record and is durable (written and flushed)
 * when the returned promise resolves — callers await it BEFORE a chat_add and after every external effect.
 */
export interface StateStore {
  readonly path: string;
  /**
   * The journal held no record when it was opened (a first run, or a journal that was lost: another folder, a CI
   * cache eviction, a deleted file). Then nothing proves which dialogs and messages went out before. @default false
   */
  readonly fresh?: boolean;
  /**
   * This journal replaced one that was lost — emptied, or deleted while files it kept beside it (what runs learnt, its
   * snapshot, a lock) remained — so sends to chats that already exist may have gone out before. Kept in the journal's
   * header, so every later run — an interrupted first one included — judges the same way. @default false
   */
  readonly lost?: boolean;
  get(key: string): RowState | undefined;
  update(key: string, patch: RowStatePatch): Promise<RowState>;
  entries(): IterableIterator<RowState>;
  readonly size: number;
  /** Compacts if needed, releases the lock, closes the file. Safe to call twice. */
  close(): Promise<void>;
}
