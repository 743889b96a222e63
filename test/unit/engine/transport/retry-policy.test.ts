import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, rateLimitPause } from "../../../../src/engine/transport/retry-policy.js";

describe("retry policy", () => {
  it("backs off exponentially with equal jitter, capped", () => {
    const p = DEFAULT_RETRY_POLICY;
    expect(backoffDelay(1, p, () => 0)).toBe(250);
    expect(backoffDelay(1, p, () => 1)).toBe(500);
    expect(backoffDelay(3, p, () => 0)).toBe(1000);
    expect(backoffDelay(3, p, () => 1)).toBe(2000);
    expect(backoffDelay(30, p, () => 1)).toBe(p.maxDelayMs);
  });

  it("honours Retry-After (capped), else doubles a fallback on consecutive 429s", () => {
    const p = DEFAULT_RETRY_POLICY;
    expect(rateLimitPause(3000, 1, p)).toBe(3000);
    expect(rateLimitPause(10 * 60 * 60 * 1000, 1, p)).toBe(p.maxRetryAfterMs);
    expect(rateLimitPause(undefined, 1, p)).toBe(2000);
    expect(rateLimitPause(undefined, 2, p)).toBe(4000);
    expect(rateLimitPause(undefined, 20, p)).toBe(p.maxDelayMs);
  });
});
