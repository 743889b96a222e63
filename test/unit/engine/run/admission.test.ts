import { describe, expect, it } from "vitest";
import { Admission } from "../../../../src/engine/run/admission.js";

const tick = () => new Promise((r) => setImmediate(r));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Admission", () => {
  it("rows sharing a phone run one after another; other phones run alongside", async () => {
    const admission = new Admission({ maxActive: 10, maxWaiting: 10, signal: new AbortController().signal });
    const log: string[] = [];
    const first = deferred();
    admission.start(
      "A",
      async () => {
        log.push("A1 start");
        await first.promise;
        log.push("A1 end");
      },
      () => undefined,
    );
    admission.start(
      "A",
      async () => void log.push("A2"),
      () => undefined,
    );
    admission.start(
      "B",
      async () => void log.push("B1"),
      () => undefined,
    );
    await tick();
    expect(log).toEqual(["A1 start", "B1"]);
    first.resolve();
    await admission.drain();
    expect(log).toEqual(["A1 start", "B1", "A1 end", "A2"]);
    expect(admission.size).toBe(0);
  });

  it("backpressure: waits for room, and rows waiting on an add free their active place", async () => {
    const admission = new Admission({ maxActive: 2, maxWaiting: 2, signal: new AbortController().signal });
    const hold = deferred();
    admission.start(
      "A",
      () => hold.promise,
      () => undefined,
    );
    admission.start(
      "B",
      () => hold.promise,
      () => undefined,
    );
    let admitted = false;
    const room = admission.waitForRoom().then(() => (admitted = true));
    await tick();
    expect(admitted).toBe(false);
    admission.onAddWait(true); // one row now waits on chat_add_status: 1 active, 1 waiting
    await room;
    expect(admitted).toBe(true);
    admission.onAddWait(true); // 0 active, 2 waiting ≥ maxWaiting: full again
    admitted = false;
    const again = admission.waitForRoom().then(() => (admitted = true));
    await tick();
    expect(admitted).toBe(false);
    admission.onAddWait(false);
    await again;
    hold.resolve();
    await admission.drain();
  });

  it("a stopped run does not wait for room; errors go to onError and never reject", async () => {
    const stop = new AbortController();
    const admission = new Admission({ maxActive: 1, maxWaiting: 1, signal: stop.signal });
    const errors: unknown[] = [];
    const hold = deferred();
    const task = admission.start(
      "A",
      async () => {
        await hold.promise;
        throw new Error("write failed");
      },
      (e) => {
        errors.push(e);
      },
    );
    stop.abort();
    await admission.waitForRoom();
    hold.resolve();
    await expect(task).resolves.toBeUndefined();
    expect((errors[0] as Error).message).toBe("write failed");
  });
});
