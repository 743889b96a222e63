/** What `state()` and GET /__mock/state show of the fake account: plain data, a deep copy per call. */

export interface MockChatState {
  number: string;
  name: string;
  /** API name (`field__Email`) → value. */
  fields: Record<string, string>;
  notes: string[];
  dialogs: string[];
  /** message_send + message_file_send calls. */
  messages: number;
  createdVia: "seed" | "chat_add";
  /** chat_update_context variables (`var__X`). */
  context: Record<string, string>;
  userId?: string;
}

export interface MockLogEntry {
  at: number;
  action: string;
  chatNumber?: string;
  /** HTTP status; 0 when the connection was reset or never answered (see `fault`). */
  status: number;
  fault?: "rate-limit" | "fail" | "reset" | "timeout";
}

export interface MockState {
  chats: MockChatState[];
  /** Configured custom fields as API names. */
  customFields: string[];
  requests: { total: number; byAction: Record<string, number> };
  /** chat_add calls that were applied, per chat_number as sent. */
  chatAddsByNumber: Record<string, number>;
  pendingAdds: number;
  log: MockLogEntry[];
}
