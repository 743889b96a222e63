import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { UsageError } from "../../src/errors.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: { column: "Telefone" }, name: "Nome", custom_fields: { Etapa: "Etapa" } };

describe("sync() options, through normalizeSyncOptions", () => {
  it("rate: 0 means no cap, as --rate 0 does", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,x\n");
    const mapping = env.mapping("m.json", MAPPING);
    const report = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST, rate: 0 });
    expect(report.exitCode).toBe(0);
    expect(report.counts.updated).toBe(1);
  });

  it("a bad option is a UsageError with the exact message, before anything is read or sent", async () => {
    env = await createSyncEnv();
    const options = { source: "missing.csv", mapping: "missing.json", connection: env.connection, cwd: env.dir };
    await expect(sync({ ...options, concurrency: 0 })).rejects.toThrow(UsageError);
    await expect(sync({ ...options, concurrency: 0 })).rejects.toThrow(
      "Expected `concurrency` to be an integer from 1 and up, got `0` (number)",
    );
    await expect(sync({ ...options, limit: -1 })).rejects.toThrow(
      "Expected `limit` to be an integer from 1 and up, got `-1` (number)",
    );
    expect(env.mock.state().requests.total).toBe(0);
  });

  it("the CLI reports a bad flag in plain words, exit 2", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,x\n");
    const out: string[] = [];
    const io = {
      env: env.env,
      cwd: env.dir,
      stdout: { write: () => true },
      stderr: { write: (s: string) => out.push(s) },
    };
    const args = ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING)];
    expect(await runCli([...args, "--rate", "-1"], io)).toBe(2);
    expect(out.join("")).toContain('error: --rate must be a number from 0 up (0 = no cap), got "-1".');
    expect(await runCli([...args, "--add-timeout", "-3"], io)).toBe(2);
    expect(out.join("")).toContain('error: --add-timeout must be a number of seconds from 0 up, got "-3".');
  });
});
