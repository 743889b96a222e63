import { describe, expect, it } from "vitest";
import { equalJitterBackoff, exponentialDelay } from "../../../src/util/backoff.js";

describe("exponentialDelay", () => {
  it("multiplies by the factor per attempt from the base, capped, with factor 2 by default", () => {
    const schedule = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 5].map((a) => exponentialDelay(a, schedule))).toEqual([100, 100, 200, 400, 800, 1000]);
    expect(exponentialDelay(3, { ...schedule, factor: 3 })).toBe(900);
  });
});

describe("equalJitterBackoff", () => {
  const schedule = { baseDelayMs: 1000, maxDelayMs: 8000 };
  it("keeps half of the delay fixed and jitters the other half", () => {
    expect(equalJitterBackoff(1, schedule, () => 0)).toBe(500);
    expect(equalJitterBackoff(1, schedule, () => 1)).toBe(1000);
    expect(equalJitterBackoff(2, schedule, () => 0.5)).toBe(1500);
  });
  it("never exceeds the ceiling", () => {
    expect(equalJitterBackoff(50, schedule, () => 1)).toBe(8000);
    expect(equalJitterBackoff(50, schedule, () => 0)).toBe(4000);
  });
});
