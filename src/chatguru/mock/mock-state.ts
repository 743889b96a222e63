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
  /**
   * Everything the contact would see, in order: chat_add's non-blank `text` (a real first WhatsApp message),
   * then each message_send and message_file_send — so a test can see a message sent by mistake or twice.
   */
  sentMessages: MockSentMessage[];
  createdVia: "seed" | "chat_add";
  /** chat_update_context variables (`var__X`). */
  context: Record<string, string>;
  userId?: string;
}

export interface MockSentMessage {
  id: string;
  via: "chat_add" | "message_send" | "message_file_send";
  text?: string;
  fileUrl?: string;
  caption?: string;
  /** As sent (`YYYY-MM-DD HH:MM`, Brasília). */
  sendDate?: string;
  /** `scheduled` until its send time (send_date, or a moment after the call), then `sent`. */
  status: "scheduled" | "sent";
}

export interface MockLogEntry {
  at: number;
  action: string;
  chatNumber?: string;
  /** HTTP status; 0 when the connection was reset or never answered (see `fault`). */
  status: number;
  /** `apply-then-fail`: the request WAS carried out, then answered with `status` (a 5xx). */
  fault?: "rate-limit" | "fail" | "reset" | "timeout" | "apply-then-fail";
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
