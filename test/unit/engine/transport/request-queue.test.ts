import { afterEach, describe, expect, it, vi } from "vitest";
import { Priority, RequestQueue } from "../../../../src/engine/transport/request-queue.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("RequestQueue", () => {
  // The pacing and pause tests run on fake timers: they assert the queue's times exactly, without real waits and
  // without depending on how loaded the machine is.
  afterEach(() => vi.useRealTimers());

  it("never runs more than `concurrency` tasks at once", async () => {
    const queue = new RequestQueue({ concurrency: 3, rate: Infinity });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        queue.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick(5);
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it("caps starts per rolling second (strict sliding window)", async () => {
    vi.useFakeTimers();
    const queue = new RequestQueue({ concurrency: 50, rate: 20 });
    const starts: number[] = [];
    const all = Promise.all(Array.from({ length: 30 }, () => queue.run(async () => void starts.push(Date.now()))));
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(starts).toHaveLength(30);
    for (const t of starts) expect(starts.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(20);
    // The 21st start waited for the window to slide.
    expect(starts[20]! - starts[0]!).toBeGreaterThanOrEqual(990);
  });

  it("pauseFor stops every new start until the pause ends; running tasks finish", async () => {
    vi.useFakeTimers();
    const queue = new RequestQueue({ concurrency: 2, rate: Infinity });
    const started: number[] = [];
    const t0 = Date.now();
    const slow = queue.run(async () => {
      started.push(Date.now() - t0);
      await tick(50);
      return "finished";
    });
    queue.pauseFor(200);
    const later = [1, 2, 3].map(() => queue.run(async () => void started.push(Date.now() - t0)));
    await vi.advanceTimersByTimeAsync(199);
    expect(await slow).toBe("finished");
    expect(started).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(later);
    expect(started).toHaveLength(4);
    for (const s of started.slice(1)) expect(s).toBeGreaterThanOrEqual(200);
  });

  it("a longer pause extends, a shorter one does not shorten", async () => {
    vi.useFakeTimers();
    const queue = new RequestQueue({ concurrency: 1, rate: Infinity });
    const t0 = Date.now();
    queue.pauseFor(150);
    queue.pauseFor(20);
    let ranAt: number | undefined;
    const run = queue.run(async () => void (ranAt = Date.now() - t0));
    await vi.advanceTimersByTimeAsync(149);
    expect(ranAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await run;
    expect(ranAt).toBe(150);
  });

  it("runs follow-ups before new rows", async () => {
    const queue = new RequestQueue({ concurrency: 1, rate: Infinity });
    const order: string[] = [];
    const blocker = queue.run(() => tick(10));
    const a = queue.run(async () => void order.push("new"), Priority.NEW_ROW);
    const b = queue.run(async () => void order.push("poll"), Priority.POLL);
    const c = queue.run(async () => void order.push("follow"), Priority.FOLLOW_UP);
    await Promise.all([blocker, a, b, c]);
    expect(order).toEqual(["poll", "follow", "new"]);
  });

  it("an aborted signal drops tasks that have not started", async () => {
    const queue = new RequestQueue({ concurrency: 1, rate: Infinity });
    const controller = new AbortController();
    let ran = false;
    const blocker = queue.run(() => tick(20));
    const dropped = queue.run(async () => void (ran = true), Priority.NEW_ROW, controller.signal);
    controller.abort(new Error("stop"));
    await expect(dropped).rejects.toThrow("stop");
    await blocker;
    expect(ran).toBe(false);
  });

  it("rejects bad options with exact messages", () => {
    expect(() => new RequestQueue({ concurrency: 0, rate: 5 })).toThrow(
      "Expected `concurrency` to be an integer from 1 and up, got `0` (number)",
    );
    expect(() => new RequestQueue({ concurrency: 1, rate: 0 })).toThrow(
      "Expected `rate` to be a number above 0, got `0` (number)",
    );
  });
  it("a task already running when the signal aborts still finishes and resolves", async () => {
    const queue = new RequestQueue({ concurrency: 1, rate: Infinity });
    const controller = new AbortController();
    const running = queue.run(
      async () => {
        await tick(30);
        return "answer";
      },
      Priority.NEW_ROW,
      controller.signal,
    );
    await tick(5);
    controller.abort(new Error("stop"));
    await expect(running).resolves.toBe("answer");
  });
});
