import { redact } from "../errors.js";
import { ChatGuruNetworkError } from "./errors.js";

// A failed axios request → a ChatGuruNetworkError that says whether the request may have reached ChatGuru.

/** Connect-phase failures never put a byte on the wire, so resending them cannot duplicate anything. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ERR_INVALID_URL",
]);

export function toNetworkError(
  error: unknown,
  action: string,
  endpoint: string,
  secrets: ReadonlyArray<string>,
): ChatGuruNetworkError {
  const root = rootCause(error);
  const errorCode =
    stringProp(root, "code") ??
    stringProp(error, "code") ??
    (/socket hang up/i.test(messageOf(root)) ? "ECONNRESET" : undefined);
  const syscall = stringProp(root, "syscall");
  const notSent =
    (errorCode !== undefined && NOT_SENT_CODES.has(errorCode)) || syscall === "connect" || syscall === "getaddrinfo";
  return new ChatGuruNetworkError({
    action,
    endpoint,
    errorCode,
    mayHaveReachedServer: !notSent,
    cause: sanitizeCause(root, secrets),
  });
}

/**
 * A plain Error carrying only the message and code: the raw axios error holds `config.data` (the form body with the
 * key) and request headers, so it must never be attached as a cause or serialized.
 */
export function sanitizeCause(error: unknown, secrets: ReadonlyArray<string>): Error | undefined {
  if (error === undefined) return undefined;
  const safe = new Error(redact(messageOf(error), secrets));
  safe.name = error instanceof Error ? error.name : "Error";
  const code = stringProp(error, "code");
  if (code) (safe as Error & { code?: string }).code = code;
  safe.stack = undefined;
  return safe;
}

function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}

function stringProp(value: unknown, prop: string): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const v = (value as Record<string, unknown>)[prop];
  return typeof v === "string" && v !== "" ? v : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
