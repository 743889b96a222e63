import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const ROWS = 12;
const number = (i: number) => `5511976${String(500001 + i)}`;
const MAPPING = {
  phone: "Telefone",
  name: "Nome",
  custom_fields: { Etapa: "Etapa" },
  message: { text: { template: "Fatura de {{Mes}} para {{Nome}}" } },
};

function leads(mes: string): string {
  const lines = ["Telefone,Nome,Etapa,Mes"];
  for (let i = 0; i < ROWS; i++) lines.push(`${number(i)},P${i},e${i},${mes}`);
  return `${lines.join("\n")}\n`;
}

const texts = () =>
  env.mock
    .state()
    .chats.flatMap((c) => c.sentMessages.filter((m) => m.via === "message_send").map((m) => ({ n: c.number, ...m })));

/** The journal's records by key (replayed, last patch wins). */
function journal(path: string): Map<string, Record<string, unknown>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const line of readFileSync(path, "utf8").split("\n").slice(1)) {
    if (line.trim() === "") continue;
    const patch = JSON.parse(line) as Record<string, unknown>;
    const key = patch.k as string;
    records.set(key, { ...records.get(key), ...patch });
  }
  return records;
}

describe("chaos: kill -9 a first campaign to chats that already exist", () => {
  it("the re-run is not held; sends the kill left `sending` are MESSAGE_UNCERTAIN rows until a person settles them", async () => {
    // Every chat exists and the row has only its message (update mode: each row is one message_send), and answers
    // take 300 ms: from the first send to the last answer, four sends are always on the wire when the kill lands.
    env = await createSyncEnv({ existingChats: Array.from({ length: ROWS }, (_, i) => number(i)), latencyMs: 300 });
    const source = env.csv("l.csv", leads("maio"));
    const mapping = env.mapping("m.json", { mode: "update", phone: "Telefone", message: MAPPING.message });
    const state = join(env.dir, "s", "state.ndjson");
    const args = [
      "sync",
      "--source",
      source,
      "--mapping",
      mapping,
      "--state",
      state,
      "--rate",
      "0",
      "--concurrency",
      "4",
    ];
    const run = (...extra: string[]) => runCliInProcess([...args, ...extra], { env: env.env, cwd: env.dir });

    const killed = spawnCli(args, { env: env.env, cwd: env.dir });
    const deadline = Date.now() + 30_000;
    while ((env.mock.state().requests.byAction.message_send ?? 0) < 1) {
      if (Date.now() > deadline) throw new Error("no message_send before the deadline");
      await new Promise((r) => setTimeout(r, 2));
    }
    killed.child.kill("SIGKILL");
    expect((await killed).signal).toBe("SIGKILL");
    const sending = [...journal(state).values()].filter((r) => r.messageStatus === "sending").map((r) => r.k as string);
    expect(sending.length).toBeGreaterThan(0);
    // The latency only placed the kill; the re-runs need not be slow.
    env.mock.configure({ latencyMs: 0 });

    // Re-run with no flag: the first campaign is not held, interrupted or not — every other chat gets its message.
    const rerun = await run("--fail-on", "failed", "--json");
    const report = JSON.parse(rerun.stdout) as { counts: Record<string, number> };
    expect(rerun.code, rerun.stderr).toBe(1);
    expect(report.counts.failed).toBe(sending.length);
    expect(report.counts.pending).toBe(0);
    const rows = env.results(join(env.dir, "l.results.csv"));
    for (const row of rows) {
      if (sending.includes(row.Telefone!)) {
        expect(row.chatguru_status).toBe("failed");
        expect(row.chatguru_error).toMatch(/^MESSAGE_UNCERTAIN: message_send for \d+ may or may not have reached/);
        expect(row.chatguru_error).toMatch(/the run was killed while it was being sent.*--resolve \d+/);
        expect(row.chatguru_message_status).toBe("sending");
      } else expect(row.chatguru_status).toBe("updated");
    }
    const errors = env.results(join(env.dir, "l.errors.csv"));
    expect(errors.map((r) => r.Telefone).sort()).toEqual([...sending].sort());
    const human = await run("--fail-on", "failed");
    expect(human.code).toBe(1);
    expect(human.stderr).toContain(`${sending.length} row(s) with a send of unknown outcome`);
    expect(human.stderr).toMatch(/row \d+ → \d+: uncertain: message_send/);
    // Never sent a second time by any of these runs.
    for (const n of sending) expect(texts().filter((m) => m.n === n).length).toBeLessThanOrEqual(1);
    expect(texts()).toHaveLength(new Set(texts().map((m) => m.n)).size);

    // The person checked the chats: the first is there (--resolve), the others are not (--release-held ROWS).
    const rowOf = (n: string) => String(rows.findIndex((r) => r.Telefone === n) + 2);
    const [there, ...missing] = sending;
    const settled = await run("--resolve", rowOf(there as string), "--release-held", missing.map(rowOf).join(","));
    expect(settled.code, settled.stderr).toBe(0);
    const after = env.results(join(env.dir, "l.results.csv"));
    expect(after.every((r) => r.chatguru_status === "updated" || r.chatguru_status === "unchanged")).toBe(true);
    expect(after.find((r) => r.Telefone === there)!.chatguru_message_status).toBe("checked");
    for (const n of missing) expect(texts().filter((m) => m.n === n).length).toBeGreaterThanOrEqual(1);
    expect((await run("--full")).code).toBe(0);
    expect(texts().filter((m) => m.n === there).length).toBeLessThanOrEqual(1);
  }, 60_000);

  it("journal deleted, results kept: the next campaign holds every row, also across a Ctrl-C and its re-run", async () => {
    env = await createSyncEnv({ existingChats: Array.from({ length: ROWS }, (_, i) => number(i)) });
    const source = env.csv("l.csv", leads("maio"));
    const mapping = env.mapping("m.json", MAPPING);
    const args = ["sync", "--source", source, "--mapping", mapping, "--rate", "0", "--concurrency", "1"];
    const run = (signal?: AbortSignal, ...extra: string[]) =>
      runCliInProcess([...args, ...extra], { env: env.env, cwd: env.dir, ...(signal ? { signal } : {}) });
    expect((await run()).code).toBe(0);
    expect(texts()).toHaveLength(ROWS);

    // June's campaign on another machine (no journal), with the results file that carries May's write-back.
    rmSync(join(env.dir, ".chatguru-sync"), { recursive: true });
    env.csv("l.csv", leads("junho"));
    const controller = new AbortController();
    const updates = () => env.mock.state().requests.byAction.chat_update_custom_fields ?? 0;
    const before = updates();
    const stopAt = setInterval(() => updates() >= before + 3 && controller.abort(), 1);
    try {
      const interrupted = await run(controller.signal);
      expect(interrupted.code).toBe(130);
    } finally {
      clearInterval(stopAt);
    }
    expect(texts()).toHaveLength(ROWS);
    // The re-run judges every row as an uninterrupted run would: all held, nothing sent.
    const rerun = await run(undefined, "--json");
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).counts).toMatchObject({ pending: ROWS });
    expect(texts()).toHaveLength(ROWS);
    const rows = env.results(join(env.dir, "l.results.csv"));
    expect(rows.every((r) => r.chatguru_error!.startsWith("MESSAGE_HELD: "))).toBe(true);
  }, 30_000);
});
