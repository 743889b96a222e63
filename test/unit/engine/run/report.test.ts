import { describe, expect, it } from "vitest";
import { buildReport, emptyCounts, type ReportParts } from "../../../../src/engine/run/report.js";
import { ConfigError, RunAbortedError } from "../../../../src/errors.js";

const parts = (extra: Partial<ReportParts> = {}): ReportParts => ({
  counts: { ...emptyCounts(), total: 2, created: 2 },
  plan: { new: 0, changed: 0, unchanged: 0, retry: 0 },
  requests: { total: 4, retries: 0, byAction: {} },
  startedAt: Date.now(),
  dryRun: false,
  notReached: 0,
  interrupted: false,
  ...extra,
});

describe("buildReport", () => {
  it("exit 0 when every row went well; optional fields only when there is something to say", () => {
    const report = buildReport(parts({ results: "/r.csv", statePath: "/s.ndjson" }));
    expect(report).toMatchObject({ ok: true, exitCode: 0, results: "/r.csv", state: "/s.ndjson" });
    expect(report).not.toHaveProperty("error");
    expect(report).not.toHaveProperty("notReached");
    expect(report).not.toHaveProperty("plan");
    expect(buildReport(parts({ dryRun: true })).plan).toEqual({ new: 0, changed: 0, unchanged: 0, retry: 0 });
  });

  it("exit 1 for row failures", () => {
    expect(buildReport(parts({ counts: { ...emptyCounts(), total: 1, invalid: 1 } })).exitCode).toBe(1);
  });

  it("a run-level stop wins over a failure and an interrupt: exit 3 with its code", () => {
    const runError = new RunAbortedError("CHATGURU_AUTH", "bad key");
    const report = buildReport(parts({ runError, failure: new Error("x"), interrupted: true, notReached: 3 }));
    expect(report).toMatchObject({ ok: false, exitCode: 3, error: { code: "CHATGURU_AUTH", message: "bad key" } });
    expect(report.notReached).toBe(3);
  });

  it("a failure after requests were sent is exit 3, stopped part-way", () => {
    expect(buildReport(parts({ failure: new Error("disk full") })).error).toEqual({
      code: "INTERNAL",
      message: "disk full — the run stopped part-way; rows already synced are recorded, run again after fixing this.",
    });
    expect(buildReport(parts({ failure: new ConfigError("SOURCE_UNREADABLE", "gone") })).error?.code).toBe(
      "SOURCE_UNREADABLE",
    );
  });

  it("a results file not replaced at the end keeps its own message: every row ran", () => {
    const failure = new ConfigError("RESULTS_WRITE_FAILED", 'Could not replace "r.csv" (EBUSY): close it.', {
      context: { path: "/r.csv", step: "replace" },
    });
    expect(buildReport(parts({ failure })).error).toEqual({
      code: "RESULTS_WRITE_FAILED",
      message: 'Could not replace "r.csv" (EBUSY): close it.',
    });
    expect(buildReport(parts({ failure })).exitCode).toBe(3);
  });

  it("an interrupt is exit 130", () => {
    expect(buildReport(parts({ interrupted: true }))).toMatchObject({ exitCode: 130, error: { code: "INTERRUPTED" } });
  });
});

describe("buildReport with failOn (--fail-on)", () => {
  const invalidOnly = { ...emptyCounts(), total: 3, created: 1, invalid: 1, duplicate: 1 };
  const failed = { ...emptyCounts(), total: 2, created: 1, failed: 1 };
  it("invalid (default): invalid, duplicate and failed rows exit 1", () => {
    expect(buildReport(parts({ counts: invalidOnly })).exitCode).toBe(1);
    expect(buildReport(parts({ counts: invalidOnly, failOn: "invalid" })).exitCode).toBe(1);
    expect(buildReport(parts({ counts: failed, failOn: "invalid" })).exitCode).toBe(1);
  });
  it("failed: only failed rows exit 1; ok follows the exit code", () => {
    expect(buildReport(parts({ counts: invalidOnly, failOn: "failed" }))).toMatchObject({ ok: true, exitCode: 0 });
    expect(buildReport(parts({ counts: failed, failOn: "failed" }))).toMatchObject({ ok: false, exitCode: 1 });
  });
  it("never: 0 whatever the rows, but a stopped run keeps its code", () => {
    expect(buildReport(parts({ counts: failed, failOn: "never" })).exitCode).toBe(0);
    expect(buildReport(parts({ counts: failed, failOn: "never", interrupted: true })).exitCode).toBe(130);
  });
});
