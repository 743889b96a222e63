import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };

function csv(n: number, stage: string): string {
  const lines = ["Telefone,Nome,Etapa"];
  for (let i = 0; i < n; i++) lines.push(`5511970${String(100001 + i)},P${i},${stage}${i}`);
  return `${lines.join("\n")}\n`;
}

const waitFor = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
};

describe("Ctrl-C: the results tell what the journal knows", () => {
  it("one SIGINT: every chat ChatGuru has is a `created`/`pending` row with its chat_add_id, none blank", async () => {
    env = await createSyncEnv({ addDelayMs: 150, latencyMs: 30 });
    const source = env.csv("l.csv", csv(120, "e"));
    const mapping = env.mapping("m.json", MAPPING);
    const run = spawnCli(["sync", "--source", source, "--mapping", mapping, "--rate", "40", "--json"], {
      env: env.env,
      cwd: env.dir,
    });
    await waitFor(() => env.mock.state().chats.length >= 12);
    run.child.kill("SIGINT");
    const r = await run;
    expect(r.code).toBe(130);
    const results = env.results(`${env.dir}/l.results.csv`);
    expect(results).toHaveLength(120);
    const chats = env.mock.state().chats;
    expect(chats.length).toBeGreaterThanOrEqual(12);
    for (const chat of chats) {
      const row = results.find((x) => x.Telefone === chat.number);
      expect(row, chat.number).toBeDefined();
      expect(["created", "pending"], `row of ${chat.number}`).toContain(row!.chatguru_status);
      expect(row!.chatguru_chat_add_id, `row of ${chat.number}`).toMatch(/^[0-9a-f]{24}$/);
    }
    // What the results say matches the report.
    const report = JSON.parse(r.stdout);
    expect(results.filter((x) => x.chatguru_status === "pending")).toHaveLength(report.counts.pending);
  }, 60_000);

  it("one SIGINT on a re-run: rows the run never reached keep their previous result", async () => {
    // The first run only sets the scene: no latency until the interrupted re-run.
    env = await createSyncEnv();
    const source = env.csv("l.csv", csv(80, "a"));
    const mapping = env.mapping("m.json", MAPPING);
    const first = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--rate", "0"], {
      env: env.env,
      cwd: env.dir,
    });
    expect(first.code).toBe(0);
    const before = env.results(`${env.dir}/l.results.csv`);
    expect(new Set(before.map((x) => x.chatguru_status))).toEqual(new Set(["created"]));

    env.csv("l.csv", csv(80, "b"));
    env.mock.configure({ latencyMs: 40 });
    const requestsBefore = env.mock.state().requests.total ?? 0;
    const run = spawnCli(["sync", "--source", source, "--mapping", mapping, "--rate", "20", "--json"], {
      env: env.env,
      cwd: env.dir,
    });
    await waitFor(() => (env.mock.state().requests.total ?? 0) >= requestsBefore + 5);
    run.child.kill("SIGINT");
    const r = await run;
    expect(r.code).toBe(130);
    const report = JSON.parse(r.stdout);
    expect(report.notReached).toBeGreaterThan(0);
    const after = env.results(`${env.dir}/l.results.csv`);
    after.forEach((row, i) => {
      expect(["updated", "created"], `row ${i + 2}`).toContain(row.chatguru_status);
      expect(row.chatguru_chat_number, `row ${i + 2}`).toBe(before[i]!.chatguru_chat_number);
      if (row.chatguru_status === "created") expect(row.chatguru_chat_add_id).toBe(before[i]!.chatguru_chat_add_id);
    });
  }, 60_000);

  it("a second SIGINT stops at once and says which rows may have been in flight", async () => {
    env = await createSyncEnv({ latencyMs: 400 });
    const source = env.csv("l.csv", csv(40, "e"));
    const mapping = env.mapping("m.json", { ...MAPPING, mode: "update" });
    const run = spawnCli(["sync", "--source", source, "--mapping", mapping, "--rate", "0", "--concurrency", "4"], {
      env: env.env,
      cwd: env.dir,
    });
    await waitFor(() => (env.mock.state().requests.total ?? 0) + env.mock.state().log.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    run.child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 100));
    run.child.kill("SIGINT");
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/second Ctrl-C/i);
    expect(r.stderr).toMatch(/may (still )?have been in flight: rows? \d+/i);
    expect(r.stderr).toMatch(/run the same command again/i);
  }, 60_000);
});
