/** The write_back column names of the mapping, with defaults filled in. */
export interface WriteBackColumns {
  status: string;
  chat_add_id: string;
  chat_number: string;
  error: string;
  synced_at: string;
  /** Only when the mapping sends a `message` or `file`. */
  message_id?: string;
  message_status?: string;
}

export const DEFAULT_WRITE_BACK: WriteBackColumns = {
  status: "chatguru_status",
  chat_add_id: "chatguru_chat_add_id",
  chat_number: "chatguru_chat_number",
  error: "chatguru_error",
  synced_at: "chatguru_synced_at",
};

/** Added to the write-back columns when the mapping sends messages or files. */
export const DEFAULT_MESSAGE_WRITE_BACK = {
  message_id: "chatguru_message_id",
  message_status: "chatguru_message_status",
} as const;

/** What a sink writes for one input row. */
export interface RowResult {
  /** 0-based position of the row in the source (rows come back out of order; sinks that care re-order by seq). */
  seq: number;
  rowNumber: number;
  /** Row identity (normalized key). Absent when the key itself was invalid. */
  key?: string;
  /**
   * 0-based position of this row among the source rows with the same key (invalid rows whose key cell parses
   * included). Lets a key-addressed sink tell same-key rows apart when it finds them again.
   */
  keyOrdinal?: number;
  /** The raw input values of the row, by header. */
  values: Record<string, string>;
  /** Status text: an Outcome for sync, or valid/invalid/duplicate for validate. Undefined = not reached (run aborted). */
  status?: string;
  chatAddId?: string;
  chatNumber?: string;
  /** `CODE: message` — never contains the API key. */
  error?: string;
  /** The code alone of `error` (what the errors file and the run's own bookkeeping read); not a column. */
  errorCode?: string;
  /** ISO time the row was last successfully synced. */
  syncedAt?: string;
  /** The row's message (message_send / message_file_send), when the mapping sends one. */
  messageId?: string;
  messageStatus?: string;
}
