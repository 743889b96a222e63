import { describe, expect, it } from "vitest";
import { formatDuration, remainingSeconds } from "../../../src/cli/format-duration.js";

describe("formatDuration (progress ETA)", () => {
  it("never shows 60 seconds or 60 minutes: rounds before splitting", () => {
    expect(formatDuration(359.6)).toBe("6m00s");
    expect(formatDuration(239.5)).toBe("4m00s");
    expect(formatDuration(59.6)).toBe("1m00s");
    expect(formatDuration(3599.7)).toBe("1h00m");
    expect(formatDuration(7170)).toBe("2h00m");
  });
  it("seconds, minutes with two-digit seconds, hours with two-digit minutes", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(42.4)).toBe("42s");
    expect(formatDuration(307)).toBe("5m07s");
    expect(formatDuration(3725)).toBe("1h02m");
    expect(formatDuration(36000)).toBe("10h00m");
  });
  it("unknown or endless is …", () => {
    expect(formatDuration(NaN)).toBe("…");
    expect(formatDuration(Infinity)).toBe("…");
    expect(formatDuration(-1)).toBe("…");
  });
});

describe("remainingSeconds", () => {
  it("is the rest at the average rate so far", () => {
    expect(remainingSeconds(50, 200, 10)).toBe(30);
  });
  it("is undefined before the first row, and 0 once done", () => {
    expect(remainingSeconds(0, 200, 5)).toBeUndefined();
    expect(remainingSeconds(10, 200, 0)).toBeUndefined();
    expect(remainingSeconds(200, 200, 30)).toBe(0);
  });
});
