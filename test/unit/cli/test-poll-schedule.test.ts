import { describe, expect, it } from "vitest";
import { buildSyncOptions } from "../../../src/cli/commands/sync.js";
import type { CliIO } from "../../../src/cli/command.js";
import { testPollSchedule } from "../../../src/cli/env.js";

const io = (env: Record<string, string>): CliIO => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env,
  cwd: process.cwd(),
  signal: new AbortController().signal,
});
const args = { source: "fixtures/contacts.csv", mapping: "mapping.example.json", "dry-run": true };

describe("CHATGURU_SYNC_TEST_POLL_MS: the suite's short chat_add_status schedule", () => {
  it("is read only under NODE_ENV=test", () => {
    expect(testPollSchedule({ NODE_ENV: "test", CHATGURU_SYNC_TEST_POLL_MS: "30,1.5,200" })).toEqual({
      firstMs: 30,
      factor: 1.5,
      maxMs: 200,
    });
    expect(testPollSchedule({ CHATGURU_SYNC_TEST_POLL_MS: "30,1.5,200" })).toBeUndefined();
    expect(testPollSchedule({ NODE_ENV: "production", CHATGURU_SYNC_TEST_POLL_MS: "30,1.5,200" })).toBeUndefined();
    expect(testPollSchedule({ NODE_ENV: "test" })).toBeUndefined();
  });

  it("ignores a malformed value (the run keeps its real schedule)", () => {
    for (const value of ["", "30", "30,1.5", "a,b,c", "30,0.5,200", "-1,1.5,200", "30,1.5,200,4"]) {
      expect(testPollSchedule({ NODE_ENV: "test", CHATGURU_SYNC_TEST_POLL_MS: value }), value).toBeUndefined();
    }
  });

  it("reaches sync() through the CLI's options, and only under test", () => {
    const env = { CHATGURU_SYNC_TEST_POLL_MS: "30,1.5,200" };
    expect(buildSyncOptions(args, io({ ...env, NODE_ENV: "test" })).pollSchedule).toEqual({
      firstMs: 30,
      factor: 1.5,
      maxMs: 200,
    });
    expect(buildSyncOptions(args, io(env)).pollSchedule).toBeUndefined();
  });
});
