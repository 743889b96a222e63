import { describe, expect, it } from "vitest";
import {
  ChatGuruAbortedError,
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruNetworkError,
  ChatGuruParamError,
  ChatGuruRateLimitError,
} from "../../../src/chatguru/errors.js";
import { exitCodeOf } from "../../../src/cli/exit-code.js";
import { ConfigError, InternalError, InterruptedError, RunAbortedError, UsageError } from "../../../src/errors.js";

describe("exitCodeOf", () => {
  it("2 for what must be fixed before anything is sent", () => {
    expect(exitCodeOf(new UsageError("x"))).toBe(2);
    expect(exitCodeOf(new ConfigError("MAPPING_RULES", "x"))).toBe(2);
    expect(exitCodeOf(new ChatGuruParamError({ action: "message_send", param: "send_date", message: "x" }))).toBe(2);
  });
  it("3 for a run stopped on purpose and for bad credentials", () => {
    expect(exitCodeOf(new RunAbortedError("TOO_MANY_FAILURES", "x"))).toBe(3);
    expect(exitCodeOf(new ChatGuruAuthError({ action: "note_add", httpStatus: 401, description: "x" }))).toBe(3);
  });
  it("130 for an interruption, whoever noticed it", () => {
    expect(exitCodeOf(new InterruptedError())).toBe(130);
    expect(exitCodeOf(new ChatGuruAbortedError({ action: "chat_add" }))).toBe(130);
  });
  it("1 for one failed ChatGuru request", () => {
    expect(exitCodeOf(new ChatGuruApiError({ action: "note_add", httpStatus: 400, description: "x" }))).toBe(1);
    expect(exitCodeOf(new ChatGuruRateLimitError({ action: "note_add", retryAfterMs: undefined }))).toBe(1);
    const network = new ChatGuruNetworkError({
      action: "note_add",
      endpoint: "http://x",
      errorCode: "ECONNRESET",
      mayHaveReachedServer: true,
    });
    expect(exitCodeOf(network)).toBe(1);
  });
  it("2 for a bug or a foreign error (printed with its stack by runCli)", () => {
    expect(exitCodeOf(new InternalError("bug"))).toBe(2);
    expect(exitCodeOf(new TypeError("x"))).toBe(2);
  });
});
