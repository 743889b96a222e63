import { describe, expect, it } from "vitest";
import { countsLine, SyncRenderer, summaryLine } from "../../../src/cli/render.js";
import { messageStatusLines } from "../../../src/cli/summary-lines.js";
import { MessageStatusTally } from "../../../src/engine/run/message-status-tally.js";
import { emptyCounts } from "../../../src/engine/run/report.js";
import { type SyncReport } from "../../../src/engine/shared/sync-report.js";

/** A run on an 8-row file that stopped after 2 invalid and 1 duplicate rows: 5 rows not reached. */
const stopped = (extra: Partial<SyncReport> = {}): SyncReport => ({
  ok: false,
  exitCode: 3,
  counts: { ...emptyCounts(), total: 3, invalid: 2, duplicate: 1 },
  requests: { total: 1, retries: 0, byAction: { chat_add: 1 } },
  durationMs: 4600,
  notReached: 5,
  error: { code: "CHATGURU_AUTH", message: "ChatGuru rejected the credentials." },
  ...extra,
});

function summary(report: SyncReport): string[] {
  let text = "";
  const io = {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (text += s), isTTY: false },
    env: {},
    cwd: "/",
    signal: new AbortController().signal,
  };
  new SyncRenderer(io, { quiet: false, progress: false }).summary(report, { dryRun: false });
  return text.trimEnd().split("\n");
}

describe("the summary of a run that stopped early", () => {
  it("counts every row read and says how many were not reached", () => {
    expect(summaryLine(stopped(), false)).toBe("8 rows in 4.6 s — 2 invalid, 1 duplicate, 5 not reached");
    expect(countsLine(stopped(), false)).toBe("8 rows — 2 invalid, 1 duplicate, 5 not reached");
    expect(
      summaryLine(stopped({ notReached: undefined, counts: { ...emptyCounts(), total: 1, created: 1 } }), false),
    ).toBe("1 row in 4.6 s — 1 created");
  });

  it("not-reached rows that kept their last result from the journal are said to, not to have no status", () => {
    const lines = summary(stopped({ notReachedKept: 5 }));
    expect(lines[0]).toBe("8 rows in 4.6 s — 2 invalid, 1 duplicate, 5 not reached");
    expect(lines).toContain(
      "  5 rows were not reached: they keep their last result from an earlier run in the results; run again to continue.",
    );
    expect(lines.join("\n")).not.toContain("no status");
  });

  it("a mix says how many kept one and how many have none; none kept keeps the old line", () => {
    expect(summary(stopped({ notReachedKept: 4 }))).toContain(
      "  5 rows were not reached: 4 keep their last result from an earlier run, 1 has no status in the results; run again to continue.",
    );
    expect(summary(stopped({ notReached: 1, notReachedKept: 1 }))).toContain(
      "  1 row was not reached: it keeps its last result from an earlier run in the results; run again to continue.",
    );
    expect(summary(stopped())).toContain(
      "  5 rows were not reached (no status in the results): run again to continue.",
    );
  });

  it("when the results file was left as it was, its rows are said to keep what earlier runs wrote", () => {
    const lines = summary(stopped({ resultsKept: true }));
    expect(lines).toContain(
      "  5 rows were not reached: the results file keeps what earlier runs wrote; fix the error below and run again.",
    );
    expect(lines.join("\n")).not.toContain("no status");
  });

  it("status after an interrupted import: rows never synced are said to need sync", () => {
    expect(summary(stopped({ notReached: undefined, notSynced: 9 }))).toContain(
      '  9 rows were never synced (this command only finishes what sync started): run "chatguru-sync sync" to send them.',
    );
  });
});

describe("the summary of a run that stopped early: what the not-reached rows show", () => {
  it("a result this run recorded before it stopped is not called one from an earlier run", () => {
    expect(summary(stopped({ notReached: 4, notReachedThisRun: 4 }))).toContain(
      "  4 rows were not reached: they show what this run recorded before it stopped; run again to continue.",
    );
    const mixed = summary(stopped({ notReachedKept: 1, notReachedThisRun: 2 })).join("\n");
    expect(mixed).toContain(
      "5 rows were not reached: 1 keeps its last result from an earlier run, 2 show what this run recorded before it stopped, 2 have no status in the results",
    );
  });
});

describe("the progress bar under --limit", () => {
  it("counts to the limit, not to the file's length (a canary of 12 rows of 310 ends at 12/12)", () => {
    let text = "";
    const io = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => ((text += s), true), isTTY: true, columns: 120 },
      env: {},
      cwd: "/",
      signal: new AbortController().signal,
    };
    const renderer = new SyncRenderer(io, { quiet: false, progress: true, limit: 12 });
    renderer.setEstimate(12);
    renderer.onEvent({ type: "start", source: "leads.csv", mode: "upsert", dryRun: false });
    const row = (i: number) => renderer.onEvent({ type: "row", seq: i, rowNumber: i + 2, outcome: "created" });
    // The reader passes the rows after the limit through at once: the file ends while the last rows are in flight.
    for (let i = 0; i < 8; i++) row(i);
    renderer.onEvent({ type: "source-done", total: 310 });
    for (let i = 8; i < 12; i++) row(i);
    renderer.stop();
    const frames = text.split("\u001b[1G").filter((f) => f.includes(" rows "));
    expect(frames.at(-1)).toMatch(/ 12\/12 rows /);
    expect(text).not.toMatch(/\/310 rows/);
  });
});

describe("what status says about messages sent earlier", () => {
  it("how many are in each status, the lookups ChatGuru did not answer, and the first rows that changed", () => {
    const tally = new MessageStatusTally();
    for (let row = 2; row < 27; row++) tally.add(row, "message", "scheduled", "sent");
    tally.add(30, "file", "scheduled", "failed");
    tally.add(31, "message", "scheduled", "scheduled");
    tally.add(32, "message", "scheduled", undefined);
    const lines = messageStatusLines({ ...stopped(), messageStatus: tally.summary()! });
    expect(lines.slice(0, 3)).toEqual([
      "messages: 28 checked — 25 sent, 2 scheduled, 1 failed.",
      "  1 could not be checked (ChatGuru did not answer): it keeps its last known status.",
      "  26 changed since the last check:",
    ]);
    expect(lines[3]).toBe("    row 2: scheduled → sent");
    expect(lines).toHaveLength(3 + 20 + 1);
    expect(lines.at(-1)).toBe("    … and 6 more (chatguru_message_status in the results).");
  });
});
