import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const ROWS = 12;
const numbers = Array.from({ length: ROWS }, (_, i) => `5511979${String(800001 + i)}`);

describe("two copies of one mapping, run at once against one ChatGuru account and phone", () => {
  it("take turns: the second stops at once (exit 3) naming the first's pid; no chat gets two adds or two notes", async () => {
    // Slow enough that the first run is still going when the second starts.
    const existing = numbers.filter((_, i) => i % 2 === 0);
    env = await createSyncEnv({ latencyMs: 100, existingChats: existing });
    const csv = ["Telefone,Nome", ...numbers.map((n, i) => `${n},Pessoa ${i}`)].join("\n");
    const mapping = {
      phone: "Telefone",
      name: "Nome",
      note: { template: "Importado da planilha" },
    };
    // Two folders, each with its own copy of the sheet and the mapping: two journals that cannot see each other.
    const copies = ["equipe-a", "equipe-b"].map((folder) => {
      mkdirSync(join(env.dir, folder));
      const source = env.csv(join(folder, "leads.csv"), `${csv}\n`);
      const map = env.mapping(join(folder, "m.json"), mapping);
      return ["sync", "--source", source, "--mapping", map, "--concurrency", "1", "--rate", "0", "--no-wait"];
    });

    const first = spawnCli(copies[0]!, { env: env.env, cwd: env.dir });
    const locks = join(env.dir, "locks");
    const deadline = Date.now() + 30_000;
    // The first run is under way (it takes the lock before its first request).
    while (env.mock.state().requests.total < 2) {
      if (Date.now() > deadline) throw new Error("the first run never started sending");
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(readdirSync(locks).filter((f) => f.endsWith(".lock"))).toHaveLength(1);
    const second = await runCliInProcess(copies[1]!, { env: env.env, cwd: env.dir });
    expect(second.code, second.stderr).toBe(3);
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stderr).toContain(join("equipe-a", ".chatguru-sync"));
    expect(second.stderr).not.toMatch(/internal error/);

    // The overlap is proven: the first run need not stay slow to finish.
    env.mock.configure({ latencyMs: 0 });
    const done = await first;
    expect(done.code, done.stderr).toBe(0);
    const state = env.mock.state();
    expect(Object.keys(state.chatAddsByNumber)).toHaveLength(ROWS - existing.length);
    for (const [number, adds] of Object.entries(state.chatAddsByNumber)) expect(adds, number).toBe(1);
    for (const number of existing) {
      expect(state.chats.find((c) => c.number === number)?.notes, number).toEqual(["Importado da planilha"]);
    }
    // The lock is gone with the run that held it: the second copy's next turn goes ahead.
    expect(readdirSync(locks).filter((f) => f.endsWith(".lock"))).toEqual([]);
  }, 60_000);
});
