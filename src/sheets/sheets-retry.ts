import { equalJitterBackoff } from "../util/backoff.js";

/**
 * Retry settings for Sheets calls. The gaxios retries built into the Google client are switched off: they neither
 * share our quota window nor report to onEvent.
 */

/** Statuses Google documents as transient. 408 is included because proxies in front of the API send it. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export const SHEETS_RETRY = {
  /** Attempts per call, the first one included. */
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
  /** Longest Retry-After pause honoured: a hostile or broken header must not park the run for hours. */
  maxRetryAfterMs: 5 * 60_000,
} as const;

/** Backoff before the next attempt, `attempt` being the attempt that just failed (1-based). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return equalJitterBackoff(attempt, SHEETS_RETRY, random);
}
