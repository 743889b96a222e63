import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/exit-code.js";
import {
  ConfigError,
  InternalError,
  InterruptedError,
  isConfigError,
  isInterruptedError,
  isRunAbortedError,
  isSyncError,
  isUsageError,
  redact,
  RunAbortedError,
  UsageError,
} from "../../src/errors.js";
import { exitCodeOf } from "../helpers/exit-code.js";

describe("errors", () => {
  it("carry a literal name, code and exit code", () => {
    const e = new ConfigError("MAPPING_UNKNOWN_COLUMN", "bad");
    expect(e.name).toBe("ConfigError");
    expect(e.code).toBe("MAPPING_UNKNOWN_COLUMN");
    expect(exitCodeOf(e)).toBe(ExitCode.USAGE);
    expect(exitCodeOf(new RunAbortedError("CHATGURU_AUTH", "x"))).toBe(3);
  });
  it("carry no exit code of their own: the CLI maps them (cli/exit-code.ts)", () => {
    for (const e of [new ConfigError("SOURCE_EMPTY", "x"), new RunAbortedError("STATE_LOCKED", "x")]) {
      expect(e).not.toHaveProperty("exitCode");
    }
  });
  it("the abort class is not named like the DOM AbortError", () => {
    const e = new RunAbortedError("TOO_MANY_FAILURES", "stopped");
    expect(e.name).toBe("RunAbortedError");
    expect(isRunAbortedError(e) && isSyncError(e)).toBe(true);
    expect(isRunAbortedError(new DOMException("x", "AbortError"))).toBe(false);
  });
  it("an interruption is only an InterruptedError, never a run abort", () => {
    const e = new InterruptedError();
    expect(e).toMatchObject({ name: "InterruptedError", code: "INTERRUPTED" });
    expect(isInterruptedError(e)).toBe(true);
    expect(isRunAbortedError(e)).toBe(false);
    expect(exitCodeOf(e)).toBe(130);
  });
  it("UsageError defaults to USAGE and keeps a specific code; guards tell the classes apart", () => {
    expect(new UsageError("x").code).toBe("USAGE");
    const flag = new UsageError("x", { code: "USAGE_FLAG_INVALID" });
    expect(flag.code).toBe("USAGE_FLAG_INVALID");
    expect(isUsageError(flag) && !isConfigError(flag)).toBe(true);
    expect(new InternalError("bug")).toMatchObject({ name: "InternalError", code: "INTERNAL" });
  });
  it("keep the cause and the context", () => {
    const cause = new Error("disk full");
    const e = new ConfigError("RESULTS_WRITE_FAILED", "x", { cause, context: { file: "r.csv" } });
    expect(e.cause).toBe(cause);
    expect(e.context).toEqual({ file: "r.csv" });
  });
  it("redact removes secrets, raw and URL-encoded", () => {
    expect(redact("key=abc/def+1 and abc/def+1", ["abc/def+1"])).toBe("key=*** and ***");
    expect(redact("key=abc%2Fdef%2B1", ["abc/def+1"])).toBe("key=***");
  });
});
