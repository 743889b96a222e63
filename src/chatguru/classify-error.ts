import type { ChatGuruApiErrorCode, ChatGuruRowErrorCode } from "../core/error-codes.js";
import {
  ChatGuruAbortedError,
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruNetworkError,
  ChatGuruParamError,
  ChatGuruRateLimitError,
  ChatGuruTimeoutError,
} from "./errors.js";

/**
 * classifyChatGuruError() — the single place that turns a failed call into what the engine should do about it
 * (retry, pause, fail the row, abort the run, or treat the outcome as unknown).
 */

export type { ChatGuruRowErrorCode } from "../core/error-codes.js";

/** What the engine should do with a failed call. */
export type ChatGuruErrorClass =
  /** Safe to send again after a backoff: the request had no effect (5xx, never reached the server). */
  | { kind: "retry" }
  /** 429: pause the whole queue for `ms` (or a backoff when undefined); does not use up an attempt. */
  | { kind: "retry-after"; ms: number | undefined }
  /** ChatGuru refused this row's request; not retried (except the 9th-digit and dialog-context cases). */
  | { kind: "row"; code: ChatGuruRowErrorCode; message: string }
  /** Bad credentials: abort the run. */
  | { kind: "auth"; message: string }
  /** The request may or may not have been applied (timeout, reset after writing): the engine decides per action. */
  | { kind: "unknown-outcome"; message: string };

/** The refusals that keep their own code; any other 4xx is CHATGURU_REJECTED. */
const ROW_CODES: ReadonlySet<ChatGuruApiErrorCode> = new Set<ChatGuruApiErrorCode & ChatGuruRowErrorCode>([
  "CHATGURU_CHAT_NOT_FOUND",
  "CHATGURU_FIELD_NOT_CONFIGURED",
  "CHATGURU_INITIAL_MESSAGE_INVALID",
  "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED",
]);

/** Gateway timeouts and bad-gateway answers: the upstream may have processed the request before the proxy gave up. */
const LOST_ANSWER_STATUSES: ReadonlySet<number> = new Set([408, 502, 504]);

/**
 * Actions whose repetition reaches the contact or the team (a second chat with a first message, a second note, a
 * message or dialog sent twice): a lost answer to one of them is never a reason to send it again.
 */
export const NOT_REPEATABLE_ACTIONS: ReadonlySet<string> = new Set([
  "chat_add",
  "note_add",
  "dialog_execute",
  "message_send",
  "message_file_send",
]);

export function classifyChatGuruError(error: unknown): ChatGuruErrorClass {
  if (error instanceof ChatGuruAuthError) return { kind: "auth", message: error.message };
  if (error instanceof ChatGuruRateLimitError) return { kind: "retry-after", ms: error.retryAfterMs };
  if (error instanceof ChatGuruApiError) {
    // Behind a proxy, a 408/502/504 may hide a request that reached ChatGuru: for a non-repeatable action it is lost.
    if (NOT_REPEATABLE_ACTIONS.has(error.action) && LOST_ANSWER_STATUSES.has(error.httpStatus))
      return { kind: "unknown-outcome", message: error.message };
    // 408 and 5xx: the server did not apply the request (a 5xx from ChatGuru's gateway means it never got there).
    if (error.httpStatus >= 500 || error.httpStatus === 408) return { kind: "retry" };
    const code: ChatGuruRowErrorCode = ROW_CODES.has(error.code)
      ? (error.code as ChatGuruRowErrorCode)
      : "CHATGURU_REJECTED";
    return { kind: "row", code, message: error.message };
  }
  if (error instanceof ChatGuruBadResponseError) {
    if (NOT_REPEATABLE_ACTIONS.has(error.action) && LOST_ANSWER_STATUSES.has(error.httpStatus))
      return { kind: "unknown-outcome", message: error.message };
    if (error.httpStatus >= 500) return { kind: "retry" };
    // A 2xx whose body we cannot read may well have been applied (e.g. a truncated chat_add answer).
    if (error.httpStatus >= 200 && error.httpStatus < 300) return { kind: "unknown-outcome", message: error.message };
    return { kind: "row", code: "CHATGURU_REJECTED", message: error.message };
  }
  if (error instanceof ChatGuruNetworkError) {
    return error.mayHaveReachedServer ? { kind: "unknown-outcome", message: error.message } : { kind: "retry" };
  }
  if (error instanceof ChatGuruTimeoutError || error instanceof ChatGuruAbortedError) {
    return { kind: "unknown-outcome", message: error.message };
  }
  if (error instanceof ChatGuruParamError) return { kind: "row", code: "CHATGURU_REJECTED", message: error.message };
  // Not a ChatGuru failure (a bug, or an unexpected library error): we cannot know whether the request went out.
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "unknown-outcome", message };
}
