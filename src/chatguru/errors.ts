import { ExitCode, SyncError, type ExitCodeValue } from "../errors.js";
import type { ChatGuruResponse } from "./types.js";

/**
 * Every way a ChatGuru call can fail, as typed errors, plus classifyChatGuruError() — the single place that turns a
 * failure into what the engine should do about it. The client makes ONE attempt; deciding to retry is the engine's job.
 *
 * None of these ever holds the API key: the client redacts descriptions, bodies and causes before building them, and
 * never attaches the raw axios error (its `config` carries the form body, key included).
 */

/** Context shared by every ChatGuru error. Never put the key here. */
export interface ChatGuruErrorDetails {
  /** The ChatGuru action (`chat_add`, `chat_update_custom_fields`…). */
  action: string;
  /** The HTTP status, when a response arrived. */
  httpStatus?: number;
  /** ChatGuru's (Portuguese) description, when a JSON body arrived. */
  description?: string;
  cause?: unknown;
}

/** Base of every ChatGuru failure. */
export class ChatGuruError extends SyncError {
  override name: string = "ChatGuruError";
  readonly action: string;
  readonly httpStatus: number | undefined;
  readonly description: string | undefined;

  constructor(code: string, message: string, exitCode: ExitCodeValue, details: ChatGuruErrorDetails) {
    super(code, message, exitCode, {
      cause: details.cause,
      context: {
        action: details.action,
        ...(details.httpStatus !== undefined ? { httpStatus: details.httpStatus } : {}),
        ...(details.description !== undefined ? { description: details.description } : {}),
      },
    });
    this.action = details.action;
    this.httpStatus = details.httpStatus;
    this.description = details.description;
  }
}

/** Specific codes of ChatGuruApiError, from ChatGuru's description (SPEC §2). */
export type ChatGuruApiErrorCode =
  | "CHATGURU_API_ERROR"
  | "CHATGURU_CHAT_NOT_FOUND"
  | "CHATGURU_FIELD_NOT_CONFIGURED"
  | "CHATGURU_INITIAL_MESSAGE_INVALID"
  | "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED"
  | "CHATGURU_SERVER_ERROR"
  | "CHATGURU_REDIRECT";

/** ChatGuru answered with an HTTP error or `result: "error"` (HTTP 400 with a Portuguese description, usually). */
export class ChatGuruApiError extends ChatGuruError {
  override name = "ChatGuruApiError" as const;
  declare readonly httpStatus: number;
  declare readonly description: string;
  /** The parsed JSON body (redacted), if the body was JSON. */
  readonly body: ChatGuruResponse | undefined;

  constructor(details: {
    action: string;
    httpStatus: number;
    description: string;
    body?: ChatGuruResponse;
    message?: string;
    cause?: unknown;
  }) {
    const code = apiErrorCode(details.action, details.httpStatus, details.description, details.body);
    super(
      code,
      details.message ??
        `ChatGuru ${details.action} answered ${details.httpStatus} "${details.description}"${hintFor(code)}`,
      ExitCode.ROW_FAILURES,
      details,
    );
    this.body = details.body;
  }
}

/** Bad key / account_id / phone_id (400 with a matching description, or 401/403). Fatal for the run: exit 3. */
export class ChatGuruAuthError extends ChatGuruError {
  override name = "ChatGuruAuthError" as const;
  readonly body: ChatGuruResponse | undefined;

  constructor(details: {
    action: string;
    httpStatus: number;
    description: string;
    body?: ChatGuruResponse;
    cause?: unknown;
  }) {
    super(
      "CHATGURU_AUTH",
      `ChatGuru ${details.action} rejected the credentials: ${details.httpStatus} "${details.description}". ` +
        `Check CHATGURU_API_KEY, CHATGURU_ACCOUNT_ID and CHATGURU_PHONE_ID (ChatGuru shows them on the "Celulares" page).`,
      ExitCode.ABORTED,
      details,
    );
    this.body = details.body;
  }
}

/** HTTP 429. `retryAfterMs` comes from Retry-After (seconds or HTTP-date); undefined when absent or unreadable. */
export class ChatGuruRateLimitError extends ChatGuruError {
  override name = "ChatGuruRateLimitError" as const;
  readonly retryAfterMs: number | undefined;
  readonly body: ChatGuruResponse | undefined;

  constructor(details: {
    action: string;
    retryAfterMs: number | undefined;
    description?: string;
    body?: ChatGuruResponse;
  }) {
    const wait =
      details.retryAfterMs === undefined
        ? "no Retry-After given"
        : `Retry-After ${Math.round(details.retryAfterMs)} ms`;
    super(
      "CHATGURU_RATE_LIMITED",
      `ChatGuru ${details.action} answered 429 Too Many Requests (${wait}): lower --rate or --concurrency.`,
      ExitCode.ROW_FAILURES,
      { ...details, httpStatus: 429 },
    );
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
  }
}

/** The connection failed (refused, reset, DNS…). */
export class ChatGuruNetworkError extends ChatGuruError {
  override name = "ChatGuruNetworkError" as const;
  /**
   * false when the request certainly never reached ChatGuru (connection refused, DNS failure, connect timeout), so
   * resending is safe; true when the socket failed after the request may have been written (the effect may exist).
   */
  readonly mayHaveReachedServer: boolean;
  /** The system error code, e.g. ECONNRESET. */
  readonly errorCode: string | undefined;

  constructor(details: {
    action: string;
    endpoint: string;
    errorCode: string | undefined;
    mayHaveReachedServer: boolean;
    cause?: unknown;
  }) {
    const what = details.errorCode ?? "connection error";
    const outcome = details.mayHaveReachedServer
      ? "the request may have reached ChatGuru"
      : "the request did not reach ChatGuru; check CHATGURU_API_URL and the network";
    super(
      "CHATGURU_NETWORK",
      `ChatGuru ${details.action} failed at ${details.endpoint}: ${what} (${outcome}).`,
      ExitCode.ROW_FAILURES,
      details,
    );
    this.mayHaveReachedServer = details.mayHaveReachedServer;
    this.errorCode = details.errorCode;
  }
}

/** No complete answer within the timeout. The request may have been applied. */
export class ChatGuruTimeoutError extends ChatGuruError {
  override name = "ChatGuruTimeoutError" as const;
  readonly mayHaveReachedServer = true as const;
  readonly timeoutMs: number;

  constructor(details: { action: string; endpoint: string; timeoutMs: number }) {
    super(
      "CHATGURU_TIMEOUT",
      `ChatGuru ${details.action} did not answer within ${details.timeoutMs} ms at ${details.endpoint} (the request may have been applied).`,
      ExitCode.ROW_FAILURES,
      details,
    );
    this.timeoutMs = details.timeoutMs;
  }
}

/** The body was not a ChatGuru JSON envelope (HTML error page from a proxy, empty body, truncated JSON…). */
export class ChatGuruBadResponseError extends ChatGuruError {
  override name = "ChatGuruBadResponseError" as const;
  declare readonly httpStatus: number;
  /** First characters of the body, whitespace collapsed, key redacted. */
  readonly excerpt: string;
  readonly contentType: string | undefined;

  constructor(details: {
    action: string;
    httpStatus: number;
    excerpt: string;
    contentType?: string | undefined;
    reason?: string;
  }) {
    const reason = details.reason ?? "a body that is not ChatGuru JSON";
    super(
      "CHATGURU_BAD_RESPONSE",
      `ChatGuru ${details.action} answered ${details.httpStatus} with ${reason}` +
        `${details.contentType ? ` (${details.contentType})` : ""}: ${details.excerpt ? `"${details.excerpt}"` : "<empty body>"}. ` +
        `Check that CHATGURU_API_URL is the API endpoint (…/api/v1).`,
      ExitCode.ROW_FAILURES,
      details,
    );
    this.excerpt = details.excerpt;
    this.contentType = details.contentType;
  }
}

/** The caller aborted the call through CallOptions.signal. The request may have been written already. */
export class ChatGuruAbortedError extends ChatGuruError {
  override name = "ChatGuruAbortedError" as const;
  constructor(details: { action: string; cause?: unknown }) {
    super(
      "CHATGURU_ABORTED",
      `ChatGuru ${details.action} was aborted before its answer arrived.`,
      ExitCode.INTERRUPTED,
      details,
    );
  }
}

/** A parameter was rejected before sending (bad send_date, file_url without extension, reserved name…). */
export class ChatGuruParamError extends ChatGuruError {
  override name = "ChatGuruParamError" as const;
  readonly param: string;
  constructor(details: { action: string; param: string; message: string }) {
    super("CHATGURU_PARAM_INVALID", details.message, ExitCode.USAGE, { action: details.action });
    this.param = details.param;
  }
}

export const isChatGuruError = (e: unknown): e is ChatGuruError => e instanceof ChatGuruError;
export const isChatGuruApiError = (e: unknown): e is ChatGuruApiError => e instanceof ChatGuruApiError;
export const isChatGuruAuthError = (e: unknown): e is ChatGuruAuthError => e instanceof ChatGuruAuthError;
export const isChatGuruRateLimitError = (e: unknown): e is ChatGuruRateLimitError =>
  e instanceof ChatGuruRateLimitError;
export const isChatGuruNetworkError = (e: unknown): e is ChatGuruNetworkError => e instanceof ChatGuruNetworkError;
export const isChatGuruTimeoutError = (e: unknown): e is ChatGuruTimeoutError => e instanceof ChatGuruTimeoutError;
export const isChatGuruBadResponseError = (e: unknown): e is ChatGuruBadResponseError =>
  e instanceof ChatGuruBadResponseError;
export const isChatGuruAbortedError = (e: unknown): e is ChatGuruAbortedError => e instanceof ChatGuruAbortedError;
export const isChatGuruParamError = (e: unknown): e is ChatGuruParamError => e instanceof ChatGuruParamError;

// --- Description patterns (SPEC §2) -----------------------------------------------------------------------------

/** Credential problems: `key ou account_id não informado(s)`, `account_id inválida`, `phone_id inválido`… */
export const AUTH_DESCRIPTION = /(key|chave|account_id|phone_id).*(inválid|invalid|não informad|nao informad)/i;
const CHAT_NOT_FOUND = /chat não (encontrado|existe)|chat nao (encontrado|existe)/i;
const FIELD_NOT_CONFIGURED = /nenhum campo personalizado/i;
const INITIAL_MESSAGE_INVALID = /mensagem inicial inv[aá]lida/i;
const DIALOG_CONTEXT = /contexto n[aã]o foi validado/i;

export function isAuthDescription(description: string): boolean {
  return AUTH_DESCRIPTION.test(description);
}

function apiErrorCode(
  action: string,
  httpStatus: number,
  description: string,
  body: ChatGuruResponse | undefined,
): ChatGuruApiErrorCode {
  if (httpStatus >= 500) return "CHATGURU_SERVER_ERROR";
  if (httpStatus >= 300 && httpStatus < 400) return "CHATGURU_REDIRECT";
  if (CHAT_NOT_FOUND.test(description)) return "CHATGURU_CHAT_NOT_FOUND";
  if (FIELD_NOT_CONFIGURED.test(description)) return "CHATGURU_FIELD_NOT_CONFIGURED";
  if (INITIAL_MESSAGE_INVALID.test(description)) return "CHATGURU_INITIAL_MESSAGE_INVALID";
  const dialogReturn = typeof body?.dialog_execution_return === "string" ? body.dialog_execution_return : "";
  if (action === "dialog_execute" && (DIALOG_CONTEXT.test(dialogReturn) || DIALOG_CONTEXT.test(description))) {
    return "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED";
  }
  return "CHATGURU_API_ERROR";
}

function hintFor(code: ChatGuruApiErrorCode): string {
  switch (code) {
    case "CHATGURU_CHAT_NOT_FOUND":
      return ": no chat with this number; create it (mode create/upsert) or check the number.";
    case "CHATGURU_FIELD_NOT_CONFIGURED":
      return ": create the custom field in ChatGuru (Gerenciador de Campos Personalizados) or fix its name in the mapping.";
    case "CHATGURU_INITIAL_MESSAGE_INVALID":
      return ': official WhatsApp numbers refuse a chat_add text; use a blank text (" ").';
    case "CHATGURU_SERVER_ERROR":
      return ": ChatGuru had a server error; retry later.";
    default:
      return "";
  }
}

// --- Retry-After ----------------------------------------------------------------------------------------------------

/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds (never negative), or
 * undefined when the header is absent or unreadable so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only an HTTP-date (has a weekday/month name or GMT) — `Date.parse("12abc")` would otherwise accept junk.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

// --- Classification -------------------------------------------------------------------------------------------------

export type ChatGuruRowErrorCode =
  | "CHAT_NOT_FOUND"
  | "FIELD_NOT_CONFIGURED"
  | "INITIAL_MESSAGE_INVALID"
  | "DIALOG_CONTEXT_NOT_VALIDATED"
  | "CHATGURU_REJECTED";

/** What the engine should do with a failed call. */
export type ChatGuruErrorClass =
  /** Safe to send again after a backoff: the request had no effect (5xx, never reached the server). */
  | { kind: "retry" }
  /** 429: pause the whole queue for `ms` (or a backoff when undefined); does not use up an attempt. */
  | { kind: "retry-after"; ms: number | undefined }
  /** ChatGuru refused this row's request; not retried (except the 9th-digit and dialog-context cases). */
  | { kind: "row"; code: ChatGuruRowErrorCode; message: string }
  /** Bad credentials: abort the run (exit 3). */
  | { kind: "auth"; message: string }
  /** The request may or may not have been applied (timeout, reset after writing): the engine decides per action. */
  | { kind: "unknown-outcome"; message: string };

const ROW_CODES: Partial<Record<ChatGuruApiErrorCode, ChatGuruRowErrorCode>> = {
  CHATGURU_CHAT_NOT_FOUND: "CHAT_NOT_FOUND",
  CHATGURU_FIELD_NOT_CONFIGURED: "FIELD_NOT_CONFIGURED",
  CHATGURU_INITIAL_MESSAGE_INVALID: "INITIAL_MESSAGE_INVALID",
  CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED: "DIALOG_CONTEXT_NOT_VALIDATED",
};

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
    const code = ROW_CODES[error.code as ChatGuruApiErrorCode] ?? "CHATGURU_REJECTED";
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
