/**
 * Retry maths for Sheets calls, kept pure so it can be tested without a server. The gaxios retries built into the
 * Google client are switched off: they neither share our quota window nor report to onEvent.
 */

/** Statuses Google documents as transient. 408 is included because proxies in front of the API send it. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export const SHEETS_RETRY = {
  /** Attempts per call, the first one included. */
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
} as const;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so retries never bunch at 0 ms, half random so
 * several clients do not retry in lockstep. `attempt` is the attempt that just failed (1-based).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(SHEETS_RETRY.maxDelayMs, SHEETS_RETRY.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns ms, or undefined when absent or
 * unparseable. Capped so a hostile or broken header cannot park the run for hours.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  capMs = 5 * 60_000,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    ms = date - nowMs;
  }
  return Math.min(capMs, Math.max(0, Math.round(ms)));
}
