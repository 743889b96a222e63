import { RunAbortedError, ConfigError, redact, type SyncError } from "../errors.js";
import type { SheetsCredentials } from "./sheets-auth.js";
import { parseRetryAfter } from "../util/retry-after.js";
import { RETRYABLE_STATUSES, SHEETS_RETRY } from "./sheets-retry.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

/** What to do about one failed attempt. */
export type SheetsFailure =
  | { retryable: true; reason: string; reasonText?: Text; status?: number; retryAfterMs?: number }
  | { retryable: false; error: SyncError };

export interface FailureContext {
  /** Gateway method, e.g. "values.batchUpdate". */
  method: string;
  spreadsheetId?: string;
  credentials: SheetsCredentials;
  now: number;
}

/** The duck-typed parts of a GaxiosError we rely on (gaxios is not a direct dependency). */
interface HttpishError {
  message?: unknown;
  code?: unknown;
  config?: { url?: unknown };
  response?: { status?: unknown; headers?: unknown; data?: unknown };
}

/**
 * Turns whatever the Google client threw into a retry decision or a SyncError with a message that says what to do.
 * The original error is never attached as `cause`: gaxios errors carry the request config, Authorization header
 * included.
 */
export function classifySheetsFailure(error: unknown, ctx: FailureContext): SheetsFailure {
  const e = (error ?? {}) as HttpishError;
  const status = typeof e.response?.status === "number" ? e.response.status : undefined;
  const secrets = ctx.credentials.secrets();
  const googleMessage = redact(extractGoogleMessage(e.response?.data) ?? String(e.message ?? "unknown error"), secrets);
  const context: Record<string, unknown> = { method: ctx.method, ...(status !== undefined ? { status } : {}) };
  if (ctx.spreadsheetId) context.spreadsheetId = ctx.spreadsheetId;

  if (status === undefined) {
    // A GaxiosError without a response never reached Google (reset, refused, DNS, timeout): worth another try.
    if (e.config !== undefined || typeof e.code === "string") {
      const said = text("google.networkError", { what: typeof e.code === "string" ? e.code : googleMessage });
      return { retryable: true, reason: english(said), reasonText: said };
    }
    // Thrown before any request: typically a private key that cannot sign.
    return {
      retryable: false,
      error: new ConfigError(
        "SHEETS_AUTH",
        text("google.cannotUse", { origin: ctx.credentials.origin, message: googleMessage }),
        { context },
      ),
    };
  }

  if (RETRYABLE_STATUSES.has(status)) {
    const retryAfterMs = parseRetryAfter(
      headerValue(e.response?.headers, "retry-after"),
      ctx.now,
      SHEETS_RETRY.maxRetryAfterMs,
    );
    return {
      retryable: true,
      status,
      reason: `HTTP ${status}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }

  const failedUrl = e.config?.url === undefined ? undefined : String(e.config.url);
  const fromTokenEndpoint = ctx.credentials.tokenUrl !== undefined && failedUrl === ctx.credentials.tokenUrl;
  return { retryable: false, error: rejection(status, fromTokenEndpoint, googleMessage, ctx, context) };
}

/** A final answer from Google (or its token endpoint), as a message that says what the person should do. */
function rejection(
  status: number,
  fromTokenEndpoint: boolean,
  googleMessage: string,
  ctx: FailureContext,
  context: Record<string, unknown>,
): SyncError {
  if (fromTokenEndpoint || status === 401) {
    return new ConfigError(
      "SHEETS_AUTH",
      text("google.rejected", { origin: ctx.credentials.origin, message: googleMessage }),
      { context },
    );
  }
  const id = ctx.spreadsheetId ?? "(unknown)";
  if (status === 403) {
    if (/has not been used in project|is disabled|SERVICE_DISABLED/i.test(googleMessage)) {
      return new ConfigError("SHEETS_API_DISABLED", text("google.apiDisabled", { message: googleMessage }), {
        context,
      });
    }
    const who = ctx.credentials.accountEmail;
    return new ConfigError(
      "SHEETS_PERMISSION_DENIED",
      who
        ? text("google.notSharedWith", { id, who })
        : text("google.notShared", { id, origin: ctx.credentials.origin }),
      { context },
    );
  }
  if (status === 404) {
    return new ConfigError("SHEETS_NOT_FOUND", text("google.notFound", { id }), {
      context,
    });
  }
  return new ConfigError(
    status === 400 ? "SHEETS_BAD_REQUEST" : "SHEETS_REQUEST_FAILED",
    text("google.requestRejected", { method: ctx.method, id, status, message: googleMessage }),
    { context },
  );
}

/** After the last attempt: the run cannot go on without the sheet (exit 3, like other "gave up" aborts). */
export function retriesExhausted(
  method: string,
  attempts: number,
  reason: string | Text,
  spreadsheetId?: string,
): SyncError {
  return new RunAbortedError(
    "SHEETS_UNAVAILABLE",
    text("google.keptFailing", { method, id: spreadsheetId, reason, attempts }),
    { context: { method, attempts, ...(spreadsheetId ? { spreadsheetId } : {}) } },
  );
}

/** Google's error body is `{"error":{"code":403,"message":"…","status":"PERMISSION_DENIED"}}`; OAuth's is flat. */
function extractGoogleMessage(data: unknown): string | undefined {
  if (data === null || typeof data !== "object")
    return typeof data === "string" && data !== "" ? data.slice(0, 300) : undefined;
  const body = data as { error?: unknown; error_description?: unknown };
  if (body.error !== null && typeof body.error === "object") {
    const inner = body.error as { message?: unknown; status?: unknown };
    if (typeof inner.message === "string")
      return typeof inner.status === "string" ? `${inner.status}: ${inner.message}` : inner.message;
  }
  if (typeof body.error === "string") {
    return typeof body.error_description === "string" ? `${body.error}: ${body.error_description}` : body.error;
  }
  return undefined;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== "object") return undefined;
  const h = headers as { get?: unknown } & Record<string, unknown>;
  if (typeof h.get === "function") return (h.get as (n: string) => string | null).call(headers, name) ?? undefined;
  const value = h[name] ?? h[name.toLowerCase()];
  return typeof value === "string" ? value : undefined;
}
