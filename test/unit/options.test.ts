import { describe, expect, it } from "vitest";
import { DEFAULT_POLL_SCHEDULE } from "../../src/engine/shared/settings.js";
import { DEFAULT_RETRY_POLICY } from "../../src/engine/transport/retry-policy.js";
import { UsageError } from "../../src/errors.js";
import { check, normalizeRetryPolicy, normalizeSyncOptions, rules, type SyncOptions } from "../../src/options.js";

const base: SyncOptions = { source: "leads.csv", mapping: "mapping.json", cwd: "/work" };
const normalize = (extra: Record<string, unknown>) => normalizeSyncOptions({ ...base, ...extra } as SyncOptions);
const rejects = (extra: Record<string, unknown>, message: string) => {
  expect(() => normalize(extra)).toThrow(UsageError);
  expect(() => normalize(extra)).toThrow(message);
};

describe("normalizeSyncOptions", () => {
  it("applies every default", () => {
    const n = normalizeSyncOptions(base);
    expect(n).toMatchObject({
      concurrency: 4,
      rate: 5,
      dryRun: false,
      full: false,
      wait: true,
      only: "all",
      addTimeoutMs: 600_000,
      uncertainProbeMs: 10_000,
      graceMs: 10_000,
      cwd: "/work",
    });
    expect(n.pollSchedule).toEqual(DEFAULT_POLL_SCHEDULE);
    expect(n.retryPolicy).toEqual(DEFAULT_RETRY_POLICY);
    expect(n).not.toHaveProperty("retryFailed");
    expect(n).not.toHaveProperty("addTimeoutSeconds");
  });

  it("concurrency: an integer from 1 and up", () => {
    expect(normalize({ concurrency: 1 }).concurrency).toBe(1);
    expect(normalize({ concurrency: 64 }).concurrency).toBe(64);
    rejects({ concurrency: 0 }, "Expected `concurrency` to be an integer from 1 and up, got `0` (number)");
    rejects({ concurrency: 2.5 }, "Expected `concurrency` to be an integer from 1 and up, got `2.5` (number)");
    rejects({ concurrency: "4" }, "Expected `concurrency` to be an integer from 1 and up, got `4` (string)");
    rejects({ concurrency: Infinity }, "got `Infinity` (number)");
  });

  it("rate: 0 and Infinity both mean no cap", () => {
    expect(normalize({ rate: 0 }).rate).toBe(Infinity);
    expect(normalize({ rate: Infinity }).rate).toBe(Infinity);
    expect(normalize({ rate: 0.5 }).rate).toBe(0.5);
    rejects({ rate: -1 }, "Expected `rate` to be a number from 0 and up (0 or Infinity = no cap), got `-1` (number)");
    rejects({ rate: NaN }, "got `NaN` (number)");
  });

  it("limit: an integer from 1 and up, or absent", () => {
    expect(normalize({ limit: 3 }).limit).toBe(3);
    expect(normalize({})).not.toHaveProperty("limit");
    rejects({ limit: 0 }, "Expected `limit` to be an integer from 1 and up, got `0` (number)");
  });

  it("addTimeoutSeconds: seconds from 0 and up, handed on in ms", () => {
    expect(normalize({ addTimeoutSeconds: 0 }).addTimeoutMs).toBe(0);
    expect(normalize({ addTimeoutSeconds: 1.5 }).addTimeoutMs).toBe(1500);
    rejects(
      { addTimeoutSeconds: -1 },
      "Expected `addTimeoutSeconds` to be a finite number of seconds from 0 and up, got `-1` (number)",
    );
  });

  it("mode: create, update or upsert", () => {
    expect(normalize({ mode: "create" }).mode).toBe("create");
    rejects({ mode: "delete" }, "Expected `mode` to be one of `create`, `update`, `upsert`, got `delete` (string)");
  });

  it("booleans are booleans", () => {
    for (const name of ["dryRun", "full", "wait", "retryFailed", "onlyPending"]) {
      rejects({ [name]: "yes" }, `Expected \`${name}\` to be a boolean, got \`yes\` (string)`);
    }
    expect(normalize({ dryRun: true, full: true, wait: false })).toMatchObject({
      dryRun: true,
      full: true,
      wait: false,
    });
  });

  it("retryFailed / onlyPending become the row filter, and exclude each other", () => {
    expect(normalize({ retryFailed: true }).only).toBe("failed");
    expect(normalize({ onlyPending: true }).only).toBe("pending");
    rejects(
      { retryFailed: true, onlyPending: true },
      "--retry-failed cannot be combined with status (pending rows only).",
    );
  });

  it("millisecond options: finite from 0 and up", () => {
    expect(normalize({ graceMs: 0, uncertainProbeMs: 0 })).toMatchObject({ graceMs: 0, uncertainProbeMs: 0 });
    rejects({ graceMs: -5 }, "Expected `graceMs` to be a finite number from 0 and up, got `-5` (number)");
    rejects({ uncertainProbeMs: Infinity }, "Expected `uncertainProbeMs` to be a finite number from 0 and up");
  });

  it("pollSchedule: partial overrides merged and checked", () => {
    expect(normalize({ pollSchedule: { firstMs: 30 } }).pollSchedule).toEqual({
      ...DEFAULT_POLL_SCHEDULE,
      firstMs: 30,
    });
    rejects({ pollSchedule: { factor: 0.5 } }, "Expected `pollSchedule.factor` to be a finite number from 1 and up");
    rejects({ pollSchedule: { maxMs: -1 } }, "Expected `pollSchedule.maxMs` to be a finite number from 0 and up");
  });

  it("source, mapping and the connection timeout", () => {
    rejects({ source: undefined }, "Expected `source` to be a path, URL or Source, got `undefined` (undefined)");
    rejects({ mapping: "" }, "Expected `mapping` to be a path or a loaded mapping, got `` (string)");
    const connection = { apiUrl: "http://127.0.0.1", key: "k", accountId: "a", phoneId: "p" };
    rejects(
      { connection: { ...connection, timeoutMs: 0 } },
      "Expected `connection.timeoutMs` to be a finite number above 0",
    );
    expect(normalize({ connection: { ...connection, timeoutMs: 50 } }).connection?.timeoutMs).toBe(50);
  });

  it("names CLI flags in plain words when asked", () => {
    const naming = { flags: { concurrency: "--concurrency", rate: "--rate" } };
    expect(() => normalizeSyncOptions({ ...base, concurrency: 0 }, naming)).toThrow(
      '--concurrency must be a whole number from 1 up, got "0".',
    );
    expect(() => normalizeSyncOptions({ ...base, rate: -2 }, naming)).toThrow(
      '--rate must be a number from 0 up (0 = no cap), got "-2".',
    );
    expect(() => check("timeout", 0, rules.numberAbove(0, " of seconds"), { flags: { timeout: "--timeout" } })).toThrow(
      '--timeout must be a number of seconds above 0, got "0".',
    );
  });
});

describe("normalizeRetryPolicy", () => {
  it("validates overrides", () => {
    expect(normalizeRetryPolicy({ maxAttempts: 3 }).maxAttempts).toBe(3);
    expect(() => normalizeRetryPolicy({ maxAttempts: 0 })).toThrow("`maxAttempts` to be 1 or more");
    expect(() => normalizeRetryPolicy({ baseDelayMs: -1 })).toThrow("Expected retry option `baseDelayMs`");
    expect(() => normalizeRetryPolicy({ factor: NaN })).toThrow(UsageError);
  });

  it("reaches sync options: a bad override is a UsageError before anything runs", () => {
    rejects(
      { retryPolicy: { maxDelayMs: -1 } },
      "Expected retry option `maxDelayMs` to be a finite number from 0 and up, got `-1` (number)",
    );
  });
});
