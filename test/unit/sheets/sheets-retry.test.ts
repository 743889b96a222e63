import { describe, expect, it } from "vitest";
import { backoffDelay, SHEETS_RETRY } from "../../../src/sheets/sheets-retry.js";
import { parseRetryAfter } from "../../../src/util/retry-after.js";

describe("backoffDelay", () => {
  it("doubles per attempt, keeps half fixed and jitters the other half, and is capped", () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(2, () => 0)).toBe(1000);
    expect(backoffDelay(3, () => 0.5)).toBe(3000);
    expect(backoffDelay(20, () => 1)).toBe(SHEETS_RETRY.maxDelayMs);
  });
});

describe("parseRetryAfter with the Sheets cap", () => {
  const parse = (value: string | undefined, now: number) => parseRetryAfter(value, now, SHEETS_RETRY.maxRetryAfterMs);
  const now = Date.parse("2026-03-01T12:00:00Z");
  it("reads delay-seconds and HTTP dates", () => {
    expect(parse("7", now)).toBe(7000);
    expect(parse("0", now)).toBe(0);
    expect(parse("Sun, 01 Mar 2026 12:00:30 GMT", now)).toBe(30_000);
  });
  it("ignores absent or garbage values and caps huge ones", () => {
    expect(parse(undefined, now)).toBeUndefined();
    expect(parse("", now)).toBeUndefined();
    expect(parse("soon", now)).toBeUndefined();
    expect(parse("86400", now)).toBe(5 * 60_000);
    expect(parse("Sun, 01 Mar 2026 11:00:00 GMT", now)).toBe(0);
  });
});
