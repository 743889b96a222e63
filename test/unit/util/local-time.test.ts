import { afterEach, describe, expect, it } from "vitest";
import { localIsoTime, localIsoTimeMemo, toLocalIsoTime } from "../../../src/util/local-time.js";

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe("localIsoTime", () => {
  it("writes the process TZ's wall time with its offset", () => {
    const instant = Date.parse("2026-11-29T09:36:49.123Z");
    process.env.TZ = "America/Sao_Paulo";
    expect(localIsoTime(instant)).toBe("2026-11-29T06:36:49-03:00");
    process.env.TZ = "Asia/Kolkata";
    expect(localIsoTime(instant)).toBe("2026-11-29T15:06:49+05:30");
    process.env.TZ = "UTC";
    expect(localIsoTime(instant)).toBe("2026-11-29T09:36:49+00:00");
    expect(Date.parse(localIsoTime(instant))).toBe(Date.parse("2026-11-29T09:36:49Z"));
  });

  it("shows an older journal's UTC stamp in local time and keeps anything else", () => {
    process.env.TZ = "America/Sao_Paulo";
    expect(toLocalIsoTime("2026-01-05T12:00:00.000Z")).toBe("2026-01-05T09:00:00-03:00");
    expect(toLocalIsoTime("2026-01-05T09:00:00-03:00")).toBe("2026-01-05T09:00:00-03:00");
    expect(toLocalIsoTime("t")).toBe("t");
  });
});

describe("localIsoTimeMemo", () => {
  it("gives what toLocalIsoTime gives, for stamps within one second and across seconds", () => {
    process.env.TZ = "America/Sao_Paulo";
    const memo = localIsoTimeMemo();
    const stamps = [
      "2026-01-05T12:00:00.000Z",
      "2026-01-05T12:00:00.999Z",
      "2026-01-05T12:00:01.001Z",
      "2026-01-05T12:00:00Z",
      "2026-01-05T12:00:00.5Z",
      "2026-13-05T12:00:00.000Z",
      "2026-01-05T09:00:00-03:00",
      "t",
    ];
    for (const stamp of stamps) expect(memo(stamp), stamp).toBe(toLocalIsoTime(stamp));
    expect(memo("2026-01-05T12:00:00.999Z")).toBe("2026-01-05T09:00:00-03:00");
  });

  it("a new memo follows a TZ changed since the last one", () => {
    process.env.TZ = "UTC";
    expect(localIsoTimeMemo()("2026-01-05T12:00:00.000Z")).toBe("2026-01-05T12:00:00+00:00");
    process.env.TZ = "Asia/Kolkata";
    expect(localIsoTimeMemo()("2026-01-05T12:00:00.000Z")).toBe("2026-01-05T17:30:00+05:30");
  });
});
