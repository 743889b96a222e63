import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Throttle } from "../../../src/ui/runs/throttle.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("Throttle (live events: at most a few per second however fast rows go)", () => {
  it("flushes at most once per interval under a flood of changes, and the last change always goes out", () => {
    const flushes: number[] = [];
    const throttle = new Throttle(
      250,
      () => flushes.push(Date.now()),
      () => Date.now(),
    );
    const start = Date.now();
    // 10 000 rows finishing over 2 s of (fake) time: one change every 0.2 ms.
    for (let i = 0; i < 10_000; i++) {
      throttle.touch();
      vi.advanceTimersByTime(0.2);
    }
    vi.advanceTimersByTime(1000);
    expect(flushes.length).toBeGreaterThanOrEqual(8);
    expect(flushes.length).toBeLessThanOrEqual(9);
    for (let i = 1; i < flushes.length; i++) expect(flushes[i]! - flushes[i - 1]!).toBeGreaterThanOrEqual(250);
    expect(flushes.at(-1)! - start).toBeGreaterThanOrEqual(1999);
  });

  it("sends the first change of a quiet spell at once, and a state change (flushNow) without waiting", () => {
    const flushes: number[] = [];
    const throttle = new Throttle(
      250,
      () => flushes.push(Date.now()),
      () => Date.now(),
    );
    throttle.touch();
    vi.advanceTimersByTime(0);
    expect(flushes).toHaveLength(1);
    throttle.touch();
    throttle.flushNow();
    expect(flushes).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(flushes).toHaveLength(2);
  });
});
