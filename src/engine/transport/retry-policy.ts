import { equalJitterBackoff, exponentialDelay } from "../../util/backoff.js";

/**
 * The retry policy as data plus pure delay maths (ky's defaultRetryOptions, p-retry). The ChatGuru client makes ONE
 * attempt; the scheduled client in engine/transport/scheduled-client.ts applies this table. User overrides are checked by
 * normalizeRetryPolicy() in options.ts.
 */
export interface RetryPolicy {
  /** Attempts per request for retryable failures (5xx, timeouts, resets). A 429 does not use one up. @default 5 */
  maxAttempts: number;
  /** First backoff delay. @default 500 */
  baseDelayMs: number;
  /** Backoff ceiling. @default 20000 */
  maxDelayMs: number;
  /** Exponential factor. @default 2 */
  factor: number;
  /** Pause when a 429 carries no Retry-After. Doubles on consecutive 429s up to maxDelayMs. @default 2000 */
  rateLimitFallbackMs: number;
  /** Upper bound on a server-requested Retry-After pause, so a bogus header cannot stall a run for hours. @default 120000 */
  maxRetryAfterMs: number;
  /** Consecutive failed requests (across all rows) that abort the run: ChatGuru is down, not one row. @default 20 */
  maxConsecutiveFailures: number;
  /** Consecutive 429 answers that abort the run: a server that never lets a request through must not hang it. @default 60 */
  maxConsecutiveRateLimits: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  factor: 2,
  rateLimitFallbackMs: 2_000,
  maxRetryAfterMs: 120_000,
  maxConsecutiveFailures: 20,
  maxConsecutiveRateLimits: 60,
});

/**
 * Actions sent again after a lost answer (timeout, reset, 502/504), although ChatGuru may have applied them. A note
 * is internal to the team: a rare duplicate note is better than a silent gap (at-least-once), so its lost answer is
 * retried like a 5xx. Everything else that reaches the contact (chat_add with text, dialogs, messages) stays
 * at-most-once: chatguru/classify-error.ts NOT_REPEATABLE_ACTIONS.
 */
export const AT_LEAST_ONCE_ACTIONS: ReadonlySet<string> = new Set(["note_add"]);

/**
 * Delay before attempt `attempt + 1` after `attempt` failures (attempt ≥ 1): "equal jitter" — half fixed, half
 * random — so a burst of failures spreads out without ever retrying immediately.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return equalJitterBackoff(attempt, policy, random);
}

/** Pause for a 429: the server's Retry-After when given (capped), else an exponential fallback. */
export function rateLimitPause(retryAfterMs: number | undefined, consecutive429: number, policy: RetryPolicy): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(Math.max(retryAfterMs, 100), policy.maxRetryAfterMs);
  }
  return exponentialDelay(consecutive429, { baseDelayMs: policy.rateLimitFallbackMs, maxDelayMs: policy.maxDelayMs });
}
