import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { MockState } from "../../src/chatguru/mock/mock-server.js";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const ROWS = 12;
const numberOf = (i: number) => `5511972${String(200000 + i)}`;
const MAPPING = {
  phone: "Telefone",
  name: "Nome",
  custom_fields: { Etapa: "Etapa" },
  note: { template: "lead {{Nome}}" },
};

/**
 * kill -9 a real CLI sync at a chosen moment, then run it again: nothing is lost and nothing is duplicated
 * (a crash, even kill -9, loses at most the requests in flight, and a re-run repeats no successful chat_add).
 */
async function killThenRerun(killWhen: (state: MockState) => boolean): Promise<void> {
  const lines = ["Telefone,Nome,Etapa"];
  const existing: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${numberOf(i)},Pessoa ${i},etapa-${i}`);
    if (i % 2 === 0) existing.push(numberOf(i));
  }
  env = await createSyncEnv({ existingChats: existing, addDelayMs: 100, latencyMs: 60 });
  // An add of unknown outcome must be probed for longer than the mock takes to add (100 ms), or an add that landed would
  // be added again: well above it, as a real run's 10 s are above ChatGuru's seconds.
  env.env.CHATGURU_SYNC_TEST_PROBE_MS = "1500";
  const source = env.csv("l.csv", `${lines.join("\n")}\n`);
  const mapping = env.mapping("m.json", MAPPING);
  const args = [
    "sync",
    "--source",
    source,
    "--mapping",
    mapping,
    "--state",
    join(env.dir, "state.ndjson"),
    "--rate",
    "0",
    "--concurrency",
    "4",
    "--json",
  ];

  const run = spawnCli(args, { env: env.env, cwd: env.dir });
  const deadline = Date.now() + 30_000;
  while (!killWhen(env.mock.state())) {
    if (Date.now() > deadline) throw new Error("the kill point was never reached");
    await new Promise((r) => setTimeout(r, 2));
  }
  run.child.kill("SIGKILL");
  const killed = await run;
  expect(killed.signal).toBe("SIGKILL");
  // The latency only placed the kill; the re-run need not be slow.
  env.mock.configure({ latencyMs: 0 });

  const rerun = await runCliInProcess(args, { env: env.env, cwd: env.dir });
  expect(rerun.stderr).not.toMatch(/internal error/);
  expect(rerun.code).toBe(0);
  const report = JSON.parse(rerun.stdout);
  expect(report.counts.total).toBe(ROWS);
  expect(report.counts.failed + report.counts.pending).toBe(0);
  // Only notes in flight at the kill (≤ concurrency) may repeat.
  const notesSent = env.mock.state().chats.reduce((n, c) => n + c.notes.length, 0);
  expect(notesSent).toBeLessThanOrEqual(ROWS + 4);

  const state = env.mock.state();
  for (const [number, adds] of Object.entries(state.chatAddsByNumber)) expect(adds, `chat_add for ${number}`).toBe(1);
  for (let i = 0; i < ROWS; i++) {
    const chat = state.chats.find((c) => c.number === numberOf(i));
    expect(chat?.fields.field__Etapa, `row ${i + 2}`).toBe(`etapa-${i}`);
    // Notes are journaled once ChatGuru answers: a kill can repeat one (saved, not yet journaled), never lose one.
    expect(chat?.notes.length, `notes of row ${i + 2}`).toBeGreaterThanOrEqual(1);
    expect(chat?.notes.length, `notes of row ${i + 2}`).toBeLessThanOrEqual(2);
  }
  expect(
    env
      .results(join(env.dir, "l.results.csv"))
      .every((r) => ["created", "updated", "unchanged"].includes(r.chatguru_status!)),
  ).toBe(true);
}

describe("chaos: kill -9 at any point, then re-run", () => {
  it("killed as the first chat_add is applied (its answer possibly never read)", async () => {
    await killThenRerun((s) => Object.keys(s.chatAddsByNumber).length >= 1);
  }, 60_000);

  it("killed while chat_adds are being polled", async () => {
    await killThenRerun((s) => (s.requests.byAction.chat_add_status ?? 0) >= 2);
  }, 60_000);

  it("killed in the middle of the follow-up updates", async () => {
    await killThenRerun((s) => s.log.filter((e) => e.action === "note_add" && e.status === 200).length >= 7);
  }, 60_000);
});
