import { describe, expect, it } from "vitest";
import { createQuotaPacer } from "../../../src/sheets/quota-pacer.js";

function fakeClock() {
  const clock = { t: 1_000_000, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
}

describe("createQuotaPacer", () => {
  it("lets `limit` requests through per rolling window and makes the next one wait for the oldest to expire", async () => {
    const { clock, now, sleep } = fakeClock();
    const pacer = createQuotaPacer({ limit: 60, now, sleep });
    for (let i = 0; i < 60; i++) {
      expect(await pacer.acquire()).toBe(0);
      clock.t += 100; // 60 requests spread over 6 s
    }
    expect(clock.sleeps).toEqual([]);
    const waited = await pacer.acquire();
    // The first request went out at t0; the 61st may go at t0 + 60 s, i.e. 54 s after "now" (t0 + 6 s).
    expect(waited).toBe(54_000);
    expect(clock.sleeps).toEqual([54_000]);
  });

  it("never allows more than `limit` in any window, even with concurrent callers", async () => {
    // A timer queue instead of "sleep advances the clock": concurrent sleeps must overlap, not add up.
    let t = 0;
    const timers: Array<{ at: number; resolve: () => void }> = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve }));
    const pacer = createQuotaPacer({ limit: 5, windowMs: 1000, now: () => t, sleep });
    const sent: number[] = [];
    const all = Promise.all(
      Array.from({ length: 23 }, async () => {
        await pacer.acquire();
        sent.push(t);
      }),
    );
    while (sent.length < 23) {
      await new Promise((resolve) => setImmediate(resolve));
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) continue;
      t = next.at;
      next.resolve();
    }
    await all;
    for (const s of sent) expect(sent.filter((x) => x > s - 1000 && x <= s).length).toBeLessThanOrEqual(5);
    // And it is not merely slow: 23 requests at 5 per second finish at the start of the fifth second.
    expect(Math.max(...sent)).toBe(4000);
  });

  it("rejects a nonsensical limit with the exact value", () => {
    const { now, sleep } = fakeClock();
    expect(() => createQuotaPacer({ limit: 0, now, sleep })).toThrow("got `0` (number)");
  });
});
