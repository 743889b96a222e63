/** Connection settings of one ChatGuru account + phone. */
export interface ChatGuruConnection {
  /** Full endpoint URL, e.g. https://s15.chatguru.app/api/v1 */
  apiUrl: string;
  /** API key. A secret: never logged, never in errors, results, state or reports. */
  key: string;
  accountId: string;
  phoneId: string;
  /**
   * Per-request timeout.
   * @default 30000
   */
  timeoutMs?: number;
}

/** The JSON envelope every ChatGuru action answers with. */
export interface ChatGuruResponse {
  code: number;
  result: "success" | "error";
  description?: string;
  [field: string]: unknown;
}

export type ChatGuruAction =
  | "message_send"
  | "message_status"
  | "chat_add"
  | "chat_add_status"
  | "chat_update_custom_fields"
  | "note_add"
  | "dialog_execute"
  | "message_file_send"
  | "chat_update_name"
  | "chat_update_context";

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * ONE HTTP attempt per call: form-urlencoded POST, envelope parsing, typed throws (see chatguru/errors.ts).
 * No retries here — the retry policy lives in engine/transport/retry-policy.ts.
 */
export interface ChatGuruClient {
  /** Resolves with the envelope on HTTP 2xx + result "success"; otherwise throws a ChatGuru error. */
  call(
    action: ChatGuruAction | string,
    params: Record<string, string>,
    options?: CallOptions,
  ): Promise<ChatGuruResponse>;
  /** Closes keep-alive sockets. */
  close(): void;
}

export type ChatAddStatus = "pending" | "done" | "fetched" | "error";
