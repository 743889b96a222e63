import type { ChatGuruApiErrorCode, ChatGuruErrorCode } from "../core/error-codes.js";
import type { Text } from "../core/text.js";
import { withHint } from "../messages/hint.js";
import { text } from "../messages/text.js";
import { SyncError } from "../errors.js";
import type { ChatGuruResponse } from "./types.js";

/**
 * Every way a ChatGuru call can fail, as typed errors with guards. What the engine should do about each is decided in
 * one place, classify-error.ts. The client makes ONE attempt; deciding to retry is the engine's job.
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
  declare readonly code: ChatGuruErrorCode;
  readonly action: string;
  readonly httpStatus: number | undefined;
  readonly description: string | undefined;

  constructor(code: ChatGuruErrorCode, message: string | Text, details: ChatGuruErrorDetails) {
    super(code, message, {
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

/** Specific codes of ChatGuruApiError, from ChatGuru's description. */
export type { ChatGuruApiErrorCode } from "../core/error-codes.js";

/** ChatGuru answered with an HTTP error or `result: "error"` (HTTP 400 with a Portuguese description, usually). */
export class ChatGuruApiError extends ChatGuruError {
  override name = "ChatGuruApiError" as const;
  declare readonly code: ChatGuruApiErrorCode;
  declare readonly httpStatus: number;
  declare readonly description: string;
  /** The parsed JSON body (redacted), if the body was JSON. */
  readonly body: ChatGuruResponse | undefined;

  constructor(details: {
    action: string;
    httpStatus: number;
    description: string;
    body?: ChatGuruResponse;
    message?: string | Text;
    cause?: unknown;
  }) {
    const code = apiErrorCode(details.action, details.httpStatus, details.description, details.body);
    super(
      code,
      details.message ??
        withHint(
          text("chatguru.answered", {
            action: details.action,
            status: details.httpStatus,
            description: details.description,
          }),
          code,
        ),
      details,
    );
    this.body = details.body;
  }
}

/** Bad key / account_id / phone_id (400 with one of ChatGuru's credential messages, or 401/403). Fatal for a run. */
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
      withHint(
        text("chatguru.auth", { action: details.action, status: details.httpStatus, description: details.description }),
        "CHATGURU_AUTH",
      ),
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
    /** The status it came with when not 429 (a 400 "Limite de requisições excedido"). @default 429 */
    httpStatus?: number;
  }) {
    const retryAfterMs = details.retryAfterMs === undefined ? undefined : Math.round(details.retryAfterMs);
    const httpStatus = details.httpStatus ?? 429;
    const said =
      httpStatus === 429
        ? text("chatguru.rateLimited", { action: details.action, retryAfterMs })
        : text("chatguru.throttled", {
            action: details.action,
            status: httpStatus,
            description: details.description ?? "",
            retryAfterMs,
          });
    super("CHATGURU_RATE_LIMITED", withHint(said, "CHATGURU_RATE_LIMITED"), { ...details, httpStatus });
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
  }
}

/**
 * A 3xx. Redirects are never followed: a POST replayed by a redirect loses its body (and may be sent twice), and an
 * old endpoint (an `app.zap.guru` URL that moved) answers every call the same way, so the run stops at the first one.
 */
export class ChatGuruRedirectError extends ChatGuruError {
  override name = "ChatGuruRedirectError" as const;
  declare readonly httpStatus: number;
  /** Where the server says the endpoint is now (Location, resolved against the configured URL), if it said. */
  readonly location: string | undefined;

  constructor(details: { action: string; httpStatus: number; location: string | undefined }) {
    super(
      "CHATGURU_REDIRECT",
      withHint(
        text("chatguru.redirect", {
          action: details.action,
          status: details.httpStatus,
          location: details.location,
        }),
        "CHATGURU_REDIRECT",
      ),
      details,
    );
    this.location = details.location;
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
    super(
      "CHATGURU_NETWORK",
      text("chatguru.network", {
        action: details.action,
        endpoint: details.endpoint,
        what: details.errorCode,
        reached: details.mayHaveReachedServer,
      }),
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
      text("chatguru.timeout", { action: details.action, endpoint: details.endpoint, timeoutMs: details.timeoutMs }),
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
    reason?: string | Text;
  }) {
    super(
      "CHATGURU_BAD_RESPONSE",
      withHint(
        text("chatguru.badResponse", {
          action: details.action,
          status: details.httpStatus,
          reason: details.reason ?? text("chatguru.badResponse.notJson"),
          contentType: details.contentType,
          excerpt: details.excerpt,
        }),
        "CHATGURU_BAD_RESPONSE",
      ),
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
    super("CHATGURU_ABORTED", text("chatguru.aborted", { action: details.action }), details);
  }
}

/** A parameter was rejected before sending (bad send_date, file_url without extension, reserved name…). */
export class ChatGuruParamError extends ChatGuruError {
  override name = "ChatGuruParamError" as const;
  readonly param: string;
  constructor(details: { action: string; param: string; message: string | Text }) {
    super("CHATGURU_PARAM_INVALID", details.message, { action: details.action });
    this.param = details.param;
  }
}

export const isChatGuruError = (e: unknown): e is ChatGuruError => e instanceof ChatGuruError;
export const isChatGuruApiError = (e: unknown): e is ChatGuruApiError => e instanceof ChatGuruApiError;
export const isChatGuruAuthError = (e: unknown): e is ChatGuruAuthError => e instanceof ChatGuruAuthError;
export const isChatGuruRateLimitError = (e: unknown): e is ChatGuruRateLimitError =>
  e instanceof ChatGuruRateLimitError;
export const isChatGuruRedirectError = (e: unknown): e is ChatGuruRedirectError => e instanceof ChatGuruRedirectError;
export const isChatGuruNetworkError = (e: unknown): e is ChatGuruNetworkError => e instanceof ChatGuruNetworkError;
export const isChatGuruTimeoutError = (e: unknown): e is ChatGuruTimeoutError => e instanceof ChatGuruTimeoutError;
export const isChatGuruBadResponseError = (e: unknown): e is ChatGuruBadResponseError =>
  e instanceof ChatGuruBadResponseError;
export const isChatGuruAbortedError = (e: unknown): e is ChatGuruAbortedError => e instanceof ChatGuruAbortedError;
export const isChatGuruParamError = (e: unknown): e is ChatGuruParamError => e instanceof ChatGuruParamError;

// --- Description patterns -----------------------------------------------------------------------------------------

/**
 * ChatGuru's credential messages: `key ou account_id não informado(s)`, `account_id inválida`, `phone_id
 * inválido`, `key inválida` / `chave inválida`, recognised by how the description STARTS: servers append what they
 * received (`key inválida: <the key>`, redacted to `key inválida: ***`), and an echo must not turn bad credentials
 * into one failed row per request. After the phrase comes the end, punctuation, a quote or the redaction mark — never
 * more words, because field errors read alike: `Nenhum campo personalizado encontrado com o nome Chave_PIX_invalida`,
 * `Chave de acesso inválida`, `Chave PIX inválida` fail one row, they do not abort the run. Case, accents and a final
 * `.`/`!` vary between servers.
 */
export const AUTH_DESCRIPTION =
  /^\s*(?:key ou account_id n[aã]o informados?(?:\(s\))?|(?:key|chave|account_id|phone_id) (?:inv[aá]lid[ao]|n[aã]o informad[ao](?:\(s\))?))\s*(?:$|[.!:;,=()[\]"'“”–—-]|\*\*\*)/i;
/** ChatGuru's throttling answer when it comes as a 400 instead of a 429 ("Limite de requisições excedido"). */
const THROTTLING = /limite de requisi/i;
const CHAT_NOT_FOUND = /chat não (encontrado|existe)|chat nao (encontrado|existe)/i;
const FIELD_NOT_CONFIGURED = /nenhum campo personalizado/i;
const INITIAL_MESSAGE_INVALID = /mensagem inicial inv[aá]lida/i;
const DIALOG_CONTEXT = /contexto n[aã]o foi validado/i;

export function isThrottlingDescription(description: string): boolean {
  return THROTTLING.test(description);
}

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
