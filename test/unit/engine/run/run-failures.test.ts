import { describe, expect, it } from "vitest";
import { RowFailure } from "../../../../src/engine/shared/row-failure.js";
import { RunFailures } from "../../../../src/engine/run/run-failures.js";
import { StopController } from "../../../../src/engine/run/stop-controller.js";
import { InterruptedError, RunAbortedError } from "../../../../src/errors.js";

function setup() {
  const stop = new StopController({ graceMs: 10 });
  return { stop, failures: new RunFailures(stop) };
}

describe("RunFailures (error routing)", () => {
  it("a run-level RunAbortedError stops the run and is kept; the user's interrupt is not a run error", () => {
    const caller = new AbortController();
    const stop = new StopController({ graceMs: 10, signal: caller.signal });
    const failures = new RunFailures(stop);
    caller.abort();
    failures.fromRow(new InterruptedError("interrupted"));
    expect(failures.runError).toBeUndefined();
    expect(failures.failure).toBeUndefined();
    const auth = new RunAbortedError("CHATGURU_AUTH", "bad key");
    failures.fromRow(auth);
    expect(failures.runError).toBe(auth);
    stop.dispose();
  });

  it("a row problem is never a run failure; a bug is, unless the run is already stopping", () => {
    const { stop, failures } = setup();
    failures.fromRow(new RowFailure("CHATGURU_CHAT_NOT_FOUND", "x"));
    expect(failures.failure).toBeUndefined();
    const bug = new TypeError("boom");
    failures.fromRow(bug);
    expect(failures.failure).toBe(bug);
    expect(stop.stopped).toBe(true);
    failures.fromRow(new TypeError("cancelled by the stop"));
    expect(failures.unexpected).toBe(bug);
    stop.dispose();
  });

  it("the loop's own error wins; the scheduler's fatal error is taken once", () => {
    const { stop, failures } = setup();
    failures.fromOutput(new Error("write"));
    const read = new Error("read");
    failures.fromLoop(read, true);
    expect(failures.failure).toBe(read);
    const fatal = new RunAbortedError("TOO_MANY_FAILURES", "20 in a row");
    failures.fromScheduler(fatal);
    failures.fromScheduler(new RunAbortedError("CHATGURU_AUTH", "later"));
    expect(failures.runError).toBe(fatal);
    stop.dispose();
  });
});
