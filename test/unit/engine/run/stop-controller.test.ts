import { afterEach, describe, expect, it, vi } from "vitest";
import { StopController } from "../../../../src/engine/run/stop-controller.js";
import type { SyncEvent } from "../../../../src/engine/shared/events.js";

afterEach(() => vi.useRealTimers());

describe("StopController", () => {
  it("the caller's abort starts a graceful stop; requests in flight are cancelled after graceMs", () => {
    vi.useFakeTimers();
    const events: SyncEvent[] = [];
    const caller = new AbortController();
    const stop = new StopController({ signal: caller.signal, graceMs: 500, onEvent: (e) => events.push(e) });
    caller.abort();
    expect(stop.stopped).toBe(true);
    expect(stop.interrupted).toBe(true);
    expect((stop.signal.reason as { code: string }).code).toBe("INTERRUPTED");
    expect(events).toMatchObject([{ type: "aborting", reason: "interrupted: finishing requests in flight" }]);
    vi.advanceTimersByTime(499);
    expect(stop.hardSignal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(stop.hardSignal.aborted).toBe(true);
    stop.dispose();
  });

  it("the first reason wins; dispose cancels the grace timer", () => {
    vi.useFakeTimers();
    const events: SyncEvent[] = [];
    const stop = new StopController({ graceMs: 100, onEvent: (e) => events.push(e) });
    const first = new Error("auth");
    stop.begin("auth", first);
    stop.begin("later", new Error("later"));
    expect(stop.signal.reason).toBe(first);
    expect(events).toHaveLength(1);
    expect(stop.interrupted).toBe(false);
    stop.dispose();
    vi.advanceTimersByTime(1000);
    expect(stop.hardSignal.aborted).toBe(false);
  });

  it("an already aborted signal stops at once; abortNow stops without an event", () => {
    const caller = new AbortController();
    caller.abort();
    expect(new StopController({ signal: caller.signal, graceMs: 1 }).stopped).toBe(true);
    const events: SyncEvent[] = [];
    const quiet = new StopController({ graceMs: 1, onEvent: (e) => events.push(e) });
    quiet.abortNow(new Error("bad header"));
    expect(quiet.stopped).toBe(true);
    expect(events).toEqual([]);
  });
});
