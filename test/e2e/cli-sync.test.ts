import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";
import { journalPath } from "../../src/state/journal-location.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const FAST_FLAGS = ["--rate", "0", "--concurrency", "4"];

describe("chatguru-sync sync (CLI)", () => {
  it("--json prints exactly one report object on stdout; exit 0 when every row succeeded", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--json", ...FAST_FLAGS],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    // The documented --json keys, plus the workbook twin of the results CSV (additive).
    expect(Object.keys(report)).toEqual([
      "ok",
      "exitCode",
      "counts",
      "requests",
      "durationMs",
      "results",
      "state",
      "resultsWorkbook",
    ]);
    expect(report).toMatchObject({
      ok: true,
      exitCode: 0,
      counts: { total: 1, created: 0, updated: 1, unchanged: 0, pending: 0, invalid: 0, duplicate: 0, failed: 0 },
      requests: { total: 1, retries: 0, byAction: { chat_update_custom_fields: 1 } },
    });
    expect(report.results).toBe(`${env.dir}/l.results.csv`);
    expect(report.resultsWorkbook).toBe(`${env.dir}/l.results.xlsx`);
    expect(report.state).toBe(
      journalPath({
        mappingPath: `${env.dir}/m.json`,
        accountId: env.env.CHATGURU_ACCOUNT_ID!,
        phoneId: env.env.CHATGURU_PHONE_ID!,
      }),
    );
    expect(r.stdout + r.stderr).not.toContain(env.env.CHATGURU_API_KEY);
  });

  it("exit 1 when some row is invalid, with the human summary naming the row on stderr", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n12345,Bad,x\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), ...FAST_FLAGS],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/2 rows in [\d.]+ s — 1 updated, 1 invalid/);
    expect(r.stderr).toContain('Row 3: invalid — ROW_PHONE_INVALID: column "Telefone": "12345"');
    expect(r.stderr).toContain(`results: ${env.dir}/l.results.csv`);
  });

  it("exit 2 for a mapping naming a missing column — nothing is sent and no results file is written", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome\n11987654321,Ana\n");
    const r = await runCliInProcess(["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING)], {
      env: env.env,
      cwd: env.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/m\.json:\d+:\d+.*Etapa/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(env.mock.state().requests.total).toBe(0);
    expect(() => env.read(`${env.dir}/l.results.csv`)).toThrow();
  });

  it("exit 2 naming the missing connection variables", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,x\n");
    const r = await runCliInProcess(["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING)], {
      env: {},
      cwd: env.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("CHATGURU_API_URL");
    expect(r.stderr).toContain("CHATGURU_API_KEY");
  });

  it("--json still prints exactly one object when the run cannot start (exit 2)", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome\n11987654321,Ana\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--json"],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { code: "MAPPING_RULES" } });
  });

  it("--timeout must be above 0", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,x\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--timeout", "0"],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--timeout must be a number of seconds above 0");
  });

  it("exit 2 for bad flag values", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,x\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--concurrency", "0"],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--concurrency must be a whole number from 1 up");
  });

  it("exit 3 on bad credentials; the key is not printed", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,x\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--json"],
      {
        env: { ...env.env, CHATGURU_API_KEY: "definitely-wrong-key" },
        cwd: env.dir,
      },
    );
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 3, error: { code: "CHATGURU_AUTH" } });
    expect(r.stdout + r.stderr).not.toContain("definitely-wrong-key");
  });

  it("--limit N syncs the first N rows; the results file keeps every row, the rest with their last result", async () => {
    env = await createSyncEnv();
    const lines = ["Telefone,Nome,Etapa", ...[1, 2, 3, 4].map((i) => `1198765432${i},P${i},novo`)];
    const source = env.csv("l.csv", lines.join("\n"));
    const mapping = env.mapping("m.json", MAPPING);
    const args = ["sync", "--source", source, "--mapping", mapping, ...FAST_FLAGS];
    expect((await runCliInProcess([...args, "--limit", "3"], { env: env.env, cwd: env.dir })).code).toBe(0);
    // A canary of the next change: 1 row synced, the other 3 keep what the first run wrote, the 4th still none.
    writeFileSync(source, lines.join("\n").replaceAll("novo", "quente"));
    const canary = await runCliInProcess([...args, "--limit", "1"], { env: env.env, cwd: env.dir });
    expect(canary.code).toBe(0);
    expect(canary.stderr).toContain("3 more rows were left out by --limit: they keep their last result in the results");
    const statuses = env.results(`${env.dir}/l.results.csv`).map((row) => row.chatguru_status);
    expect(statuses).toEqual(["updated", "created", "created", ""]);
    expect(
      JSON.parse((await runCliInProcess([...args, "--limit", "1", "--json"], { env: env.env, cwd: env.dir })).stdout),
    ).toMatchObject({
      counts: { total: 1, unchanged: 1 },
      beyondLimit: 3,
    });
  });

  it("--dry-run plans from the journal and sends nothing", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n11912341234,Bia,x\n");
    const mapping = env.mapping("m.json", MAPPING);
    await runCliInProcess(["sync", "--source", source, "--mapping", mapping, ...FAST_FLAGS, "--limit", "1"], {
      env: env.env,
      cwd: env.dir,
    });
    const before = env.mock.state().requests.total;
    const resultsBefore = env.read(`${env.dir}/l.results.csv`);
    const r = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--dry-run", "--json"], {
      env: env.env,
      cwd: env.dir,
    });
    expect(r.code).toBe(0);
    expect(env.mock.state().requests.total).toBe(before);
    expect(JSON.parse(r.stdout)).toMatchObject({
      counts: { total: 2, unchanged: 1 },
      plan: { new: 1, changed: 0, unchanged: 1, retry: 0 },
      requests: { total: 0 },
    });
    // The plan has its own file; the real results are left as the last real run wrote them.
    expect(env.results(`${env.dir}/l.plan.csv`).map((row) => row.chatguru_status)).toEqual([
      "unchanged",
      "would-upsert",
    ]);
    expect(env.read(`${env.dir}/l.results.csv`)).toBe(resultsBefore);
  });

  it("SIGINT mid-run: in-flight requests finish, results and state are written, exit 130; a re-run completes", async () => {
    const lines = ["Telefone,Nome,Etapa"];
    const existing: string[] = [];
    for (let i = 0; i < 300; i++) {
      lines.push(`5511970${String(100000 + i)},P${i},e${i}`);
      existing.push(`5511970${100000 + i}`);
    }
    env = await createSyncEnv({ existingChats: existing, latencyMs: 30 });
    const source = env.csv("l.csv", `${lines.join("\n")}\n`);
    const mapping = env.mapping("m.json", { ...MAPPING, mode: "update" });
    const run = spawnCli(["sync", "--source", source, "--mapping", mapping, "--rate", "40", "--json"], {
      env: env.env,
      cwd: env.dir,
    });
    while ((env.mock.state().requests.total ?? 0) < 20) await new Promise((r) => setTimeout(r, 20));
    run.child.kill("SIGINT");
    const r = await run;
    expect(r.code).toBe(130);
    const report = JSON.parse(r.stdout);
    expect(report.exitCode).toBe(130);
    expect(report.counts.updated).toBeGreaterThan(0);
    expect(report.counts.updated + report.notReached).toBe(300);
    expect(env.results(`${env.dir}/l.results.csv`)).toHaveLength(300);
    // The re-run is not what is slowed down on purpose.
    env.mock.configure({ latencyMs: 0 });
    const again = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--json", ...FAST_FLAGS], {
      env: env.env,
      cwd: env.dir,
    });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).counts).toMatchObject({
      unchanged: report.counts.updated,
      updated: 300 - report.counts.updated,
    });
  }, 60_000);
});

describe("chatguru-sync sync: state lock and progress", () => {
  it("a second run on the same state exits 3 naming the holder's pid, and sends nothing", async () => {
    const { openNdjsonStateStore } = await import("../../src/state/ndjson-state-store.js");
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n");
    const statePath = `${env.dir}/state.ndjson`;
    const holder = await openNdjsonStateStore(statePath);
    try {
      const r = await runCliInProcess(
        ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--state", statePath],
        { env: env.env, cwd: env.dir },
      );
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`pid ${process.pid}`);
      expect(env.mock.state().requests.total).toBe(0);
    } finally {
      await holder.close();
    }
    const after = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--state", statePath, "--rate", "0"],
      { env: env.env, cwd: env.dir },
    );
    expect(after.code).toBe(0);
  });

  it("draws a progress bar only when stderr is a TTY", async () => {
    const { runCli } = await import("../../src/cli/main.js");
    env = await createSyncEnv({ existingChats: ["5511987654321", "5511987654322"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n11987654322,Bia,novo\n");
    const mapping = env.mapping("m.json", MAPPING);
    const run = async (isTTY: boolean) => {
      let stderr = "";
      const code = await runCli(["sync", "--source", source, "--mapping", mapping, "--rate", "0", "--full"], {
        stdout: { write: () => true },
        stderr: { write: (s: string) => ((stderr += s), true), isTTY, columns: 100 },
        env: env.env,
        cwd: env.dir,
      });
      return { code, stderr };
    };
    const tty = await run(true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/rows\/s/);
    const pipe = await run(false);
    expect(pipe.stderr).not.toMatch(/rows\/s|\u001b\[/);
    expect(pipe.stderr).toMatch(/2 rows in/);
  });
  it("--watch reports a cycle that fails (state locked by another run) and carries on; Ctrl-C ends it with 130", async () => {
    const { openNdjsonStateStore } = await import("../../src/state/ndjson-state-store.js");
    const { runCli } = await import("../../src/cli/main.js");
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n");
    const statePath = `${env.dir}/state.ndjson`;
    const holder = await openNdjsonStateStore(statePath);
    const controller = new AbortController();
    let stderr = "";
    const run = runCli(
      [
        "sync",
        "--source",
        source,
        "--mapping",
        env.mapping("m.json", MAPPING),
        "--state",
        statePath,
        "--rate",
        "0",
        "--watch",
        "1",
      ],
      {
        stdout: { write: () => true },
        stderr: { write: (text: string) => ((stderr += text), true), isTTY: false },
        env: env.env,
        cwd: env.dir,
        signal: controller.signal,
      },
    );
    while (!stderr.includes("cycle 1: error")) await new Promise((r) => setTimeout(r, 20));
    await holder.close();
    while (!/cycle 2: 1 row/.test(stderr)) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    expect(await run).toBe(130);
    expect(stderr).toMatch(/cycle 1: error: .*pid/);
    expect(env.mock.state().chats[0]!.fields.field__Etapa).toBe("novo");
  }, 30_000);
});
