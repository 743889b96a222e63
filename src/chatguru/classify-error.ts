import type { ChatGuruApiErrorCode, ChatGuruRowErrorCode } from "../core/error-codes.js";
import {
  ChatGuruAbortedError,
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruError,
  ChatGuruNetworkError,
  ChatGuruParamError,
  ChatGuruRateLimitError,
  ChatGuruRedirectError,
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
  /** A 3xx: the endpoint moved (an old host). Redirects are never followed, so every call would fail: abort the run. */
  | { kind: "moved"; message: string; location: string | undefined }
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
 * The only HTTP answer besides a 429 that proves a send was not processed: 503 Service Unavailable is what a gateway
 * or ChatGuru answers when it refuses work (overload, maintenance) before doing any. A 500 can come from a server
 * that crashed after sending the WhatsApp message; a 502/504 from a proxy that gave up while ChatGuru carried on.
 */
const NOT_PROCESSED_STATUS = 503;

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

/** Actions that always put something in front of the contact on WhatsApp. */
const ALWAYS_SENDS: ReadonlySet<string> = new Set(["message_send", "message_file_send", "dialog_execute"]);

/**
 * Whether a request is a *send*: something a person may see on WhatsApp — a message, a file, a dialog, or a chat_add
 * whose first message is visible text or that runs a dialog. A blank chat_add only registers the chat (ChatGuru
 * answers `fetched` to a second one), so it is not. Without params a chat_add counts as a send (the safe side).
 */
export function isSendRequest(action: string, params?: Readonly<Record<string, string>>): boolean {
  if (ALWAYS_SENDS.has(action)) return true;
  if (action !== "chat_add") return false;
  if (params === undefined) return true;
  return (params.text ?? "").trim() !== "" || (params.dialog_id ?? "").trim() !== "";
}

/** What the caller knows about the request beside the error. */
export interface ClassifyContext {
  /** The request was a send (isSendRequest): only an answer proving it was not processed makes it retryable. */
  send?: boolean;
}

export function classifyChatGuruError(error: unknown, context: ClassifyContext = {}): ChatGuruErrorClass {
  if (error instanceof ChatGuruAuthError) return { kind: "auth", message: error.message };
  if (error instanceof ChatGuruRedirectError)
    return { kind: "moved", message: error.message, location: error.location };
  if (error instanceof ChatGuruRateLimitError) return { kind: "retry-after", ms: error.retryAfterMs };
  const send = context.send ?? (error instanceof ChatGuruError && isSendRequest(error.action));
  if (error instanceof ChatGuruApiError) {
    if (send && isServerSide(error.httpStatus)) return sendFailure(error);
    // Behind a proxy, a 408/502/504 may hide a request that reached ChatGuru: for a non-repeatable action it is lost.
    if (NOT_REPEATABLE_ACTIONS.has(error.action) && LOST_ANSWER_STATUSES.has(error.httpStatus))
      return { kind: "unknown-outcome", message: error.message };
    // 408 and 5xx of a request that sends nothing: repeating it is harmless (a field update, a status poll, a note).
    if (isServerSide(error.httpStatus)) return { kind: "retry" };
    const code: ChatGuruRowErrorCode = ROW_CODES.has(error.code)
      ? (error.code as ChatGuruRowErrorCode)
      : "CHATGURU_REJECTED";
    return { kind: "row", code, message: error.message };
  }
  if (error instanceof ChatGuruBadResponseError) {
    // Not ChatGuru's envelope: nothing says what happened to a send, except a gateway's 503.
    if (send) return sendFailure(error);
    if (NOT_REPEATABLE_ACTIONS.has(error.action) && LOST_ANSWER_STATUSES.has(error.httpStatus))
      return { kind: "unknown-outcome", message: error.message };
    if (error.httpStatus >= 500) return { kind: "retry" };
    // A 2xx whose body we cannot read may well have been applied (e.g. a truncated chat_add answer).
    if (error.httpStatus >= 200 && error.httpStatus < 300) return { kind: "unknown-outcome", message: error.message };
    return { kind: "row", code: "CHATGURU_REJECTED", message: error.message };
  }
  if (error instanceof ChatGuruNetworkError) {
    // A connection that failed before the request was written proves nothing went out, for a send too.
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

const isServerSide = (status: number): boolean => status >= 500 || status === 408;

/** A send that got an answer other than ChatGuru's own refusal: retryable only on a 503, otherwise uncertain. */
function sendFailure(error: ChatGuruApiError | ChatGuruBadResponseError): ChatGuruErrorClass {
  if (error.httpStatus === NOT_PROCESSED_STATUS) return { kind: "retry" };
  return { kind: "unknown-outcome", message: error.message };
}
