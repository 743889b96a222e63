/**
 * Keeps Sheets calls under the per-user quota (60 requests per minute per user by default, Google's limit). A sliding-window log
 * rather than a token bucket: Google counts requests per rolling minute, and a bucket refilled continuously would
 * allow a burst of `limit` plus the refill inside one minute.
 */
export interface QuotaPacerOptions {
  /** Requests allowed per window. */
  limit: number;
  /** @default 60_000 */
  windowMs?: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface QuotaPacer {
  /** Resolves when one more request fits in the window and records it. Returns how long it waited (ms). */
  acquire(): Promise<number>;
}

export function createQuotaPacer(options: QuotaPacerOptions): QuotaPacer {
  const { limit, now, sleep } = options;
  const windowMs = options.windowMs ?? 60_000;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `Expected \`quotaPerMinute\` to be a whole number from 1 and up, got \`${limit}\` (${typeof limit})`,
    );
  }
  // Send times of the requests still inside the window, oldest first.
  const sent: number[] = [];

  return {
    async acquire() {
      let waited = 0;
      for (;;) {
        const t = now();
        while (sent.length > 0 && sent[0]! <= t - windowMs) sent.shift();
        // Check and record in the same tick so concurrent callers cannot both take the last slot.
        if (sent.length < limit) {
          sent.push(t);
          return waited;
        }
        const wait = Math.max(1, sent[0]! + windowMs - t);
        waited += wait;
        await sleep(wait);
      }
    },
  };
}
