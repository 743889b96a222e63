import { describe, expect, it } from "vitest";
import { AbortError, ConfigError, ExitCode, redact } from "../../src/errors.js";

describe("errors", () => {
  it("carry a literal name, code and exit code", () => {
    const e = new ConfigError("MAPPING_UNKNOWN_COLUMN", "bad");
    expect(e.name).toBe("ConfigError");
    expect(e.code).toBe("MAPPING_UNKNOWN_COLUMN");
    expect(e.exitCode).toBe(ExitCode.USAGE);
    expect(new AbortError("CHATGURU_AUTH", "x").exitCode).toBe(3);
  });
  it("redact removes secrets, raw and URL-encoded", () => {
    expect(redact("key=abc/def+1 and abc/def+1", ["abc/def+1"])).toBe("key=*** and ***");
    expect(redact("key=abc%2Fdef%2B1", ["abc/def+1"])).toBe("key=***");
  });
});
