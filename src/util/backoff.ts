/** An exponential schedule: `baseDelayMs × factor^(attempt-1)`, never above `maxDelayMs`. */
export interface BackoffSchedule {
  baseDelayMs: number;
  maxDelayMs: number;
  /** @default 2 */
  factor?: number;
}

/** The un-jittered delay after `attempt` failures (attempt ≥ 1; lower counts as 1). */
export function exponentialDelay(attempt: number, schedule: BackoffSchedule): number {
  const factor = schedule.factor ?? 2;
  return Math.min(schedule.maxDelayMs, schedule.baseDelayMs * factor ** Math.max(0, attempt - 1));
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so retries never bunch at 0 ms, half random so
 * several clients do not retry in lockstep. `attempt` is the attempt that just failed (1-based).
 */
export function equalJitterBackoff(
  attempt: number,
  schedule: BackoffSchedule,
  random: () => number = Math.random,
): number {
  const exp = exponentialDelay(attempt, schedule);
  return Math.round(exp / 2 + random() * (exp / 2));
}
