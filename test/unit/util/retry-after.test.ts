import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../../src/util/retry-after.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  it("reads delay-seconds, rounding fractions to whole milliseconds", () => {
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 0.0015 ", now)).toBe(2);
  });
  it("reads an HTTP-date relative to now and never goes negative", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("defaults now to the clock", () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const ms = parseRetryAfter(inAMinute)!;
    expect(ms).toBeGreaterThan(58_000);
    expect(ms).toBeLessThanOrEqual(60_000);
  });
  it("is uncapped unless a cap is given, and the cap applies to both forms", () => {
    expect(parseRetryAfter("86400", now)).toBe(86_400_000);
    expect(parseRetryAfter("86400", now, 1000)).toBe(1000);
    expect(parseRetryAfter("Mon, 02 Mar 2026 12:00:00 GMT", now, 1000)).toBe(1000);
    expect(parseRetryAfter("1", now, 5000)).toBe(1000);
  });
  it("rejects values that are neither delay-seconds nor a named-date", () => {
    for (const junk of [undefined, null, "", "  ", "soon", "-1", "1e3", "2026-03-02"]) {
      expect(parseRetryAfter(junk, now), String(junk)).toBeUndefined();
    }
  });
});
