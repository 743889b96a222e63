import { describe, expect, it } from "vitest";
import { buildSyncOptions } from "../../../src/cli/commands/sync.js";
import type { CliIO } from "../../../src/cli/command.js";
import { testWaits } from "../../../src/cli/env.js";

const io = (env: Record<string, string>): CliIO => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env,
  cwd: process.cwd(),
  signal: new AbortController().signal,
});
const args = { source: "fixtures/contacts.csv", mapping: "mapping.example.json", "dry-run": true };
const SHORT = { CHATGURU_SYNC_TEST_POLL_MS: "30,1.5,200", CHATGURU_SYNC_TEST_PROBE_MS: "300" };
const SHORT_OPTIONS = { pollSchedule: { firstMs: 30, factor: 1.5, maxMs: 200 }, uncertainProbeMs: 300 };

describe("CHATGURU_SYNC_TEST_POLL_MS / _PROBE_MS: the suite's short waits", () => {
  it("are read only under NODE_ENV=test", () => {
    expect(testWaits({ NODE_ENV: "test", ...SHORT })).toEqual(SHORT_OPTIONS);
    expect(testWaits(SHORT)).toEqual({});
    expect(testWaits({ NODE_ENV: "production", ...SHORT })).toEqual({});
    expect(testWaits({ NODE_ENV: "test" })).toEqual({});
  });

  it("ignore a malformed value (the run keeps its real waits)", () => {
    for (const value of ["", "30", "30,1.5", "a,b,c", "30,0.5,200", "-1,1.5,200", "30,1.5,200,4", "30,,200"]) {
      expect(testWaits({ NODE_ENV: "test", CHATGURU_SYNC_TEST_POLL_MS: value }), value).toEqual({});
    }
    for (const value of ["", "x", "-5", "1,2"]) {
      expect(testWaits({ NODE_ENV: "test", CHATGURU_SYNC_TEST_PROBE_MS: value }), value).toEqual({});
    }
  });

  it("reach sync() through the CLI's options, and only under test", () => {
    expect(buildSyncOptions(args, io({ ...SHORT, NODE_ENV: "test" }))).toMatchObject(SHORT_OPTIONS);
    const real = buildSyncOptions(args, io(SHORT));
    expect(real.pollSchedule).toBeUndefined();
    expect(real.uncertainProbeMs).toBeUndefined();
  });
});
