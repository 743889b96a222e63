import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/** A run-level stop is told once, by the summary's `error:` line; only Ctrl-C gets a `stopping:` line as it happens. */

let env: SyncEnv;
afterEach(async () => env?.close());

const phones = (n: number) => Array.from({ length: n }, (_, i) => `55119876${String(10001 + i)}`);
const csv = (n: number) =>
  `Telefone,Nome,Etapa\n${phones(n)
    .map((p, i) => `${p},P${i},novo`)
    .join("\n")}\n`;
/** The lines that tell why the run stopped (a failed row may still quote its own error in "First problems"). */
const told = (stderr: string) => stderr.split("\n").filter((line) => /^(stopping|error):/.test(line));

async function sync(mapping: unknown, flags: string[] = [], envOverride: Record<string, string> = {}) {
  const args = ["sync", "--source", env.csv("l.csv", csv(12)), "--mapping", env.mapping("m.json", mapping)];
  return runCliInProcess([...args, "--rate", "0", "--concurrency", "2", ...flags], {
    env: { ...env.env, ...envOverride },
    cwd: env.dir,
  });
}

describe("the reason a run stopped is printed once", () => {
  it("rejected credentials: one line, the error with its advice; no `stopping:` line", async () => {
    env = await createSyncEnv();
    const r = await sync({ phone: "Telefone", name: "Nome" }, [], { CHATGURU_API_KEY: "wrong-key" });
    expect(r.code).toBe(3);
    expect(told(r.stderr)).toEqual([
      expect.stringMatching(/^error: .*rejected the credentials.*check CHATGURU_API_KEY/),
    ]);
    expect(r.stderr.split("rejected the credentials")).toHaveLength(2);
    // Its adds were refused, not lost: no chat is "still being added", nothing is pending.
    expect(r.stderr).not.toContain("still being added");
    expect(r.stderr).not.toMatch(/\d+ pending/);
  });

  it("--json: the error goes to stderr once", async () => {
    env = await createSyncEnv();
    const r = await sync({ phone: "Telefone", name: "Nome" }, ["--json"], { CHATGURU_API_KEY: "wrong-key" });
    expect(JSON.parse(r.stdout).exitCode).toBe(3);
    expect(told(r.stderr)).toEqual([expect.stringMatching(/^error: .*rejected the credentials/)]);
  });

  it("an unknown custom field: one line naming the field, with the fix", async () => {
    env = await createSyncEnv({ existingChats: phones(12) });
    const r = await sync({ phone: "Telefone", custom_fields: { Inexistente: "Etapa" } });
    expect(r.code).toBe(3);
    expect(told(r.stderr)).toEqual([
      expect.stringMatching(/^error: ChatGuru does not know the custom field "Inexistente".*Campos Personalizados/),
    ]);
    expect(r.stderr.split('does not know the custom field "Inexistente"')).toHaveLength(2);
    // The rows that met it are listed by number, not each with the same message again.
    expect(r.stderr).toMatch(/^ {2}Rows? [\d, ]+: failed — the error below$/m);
  });

  it("Ctrl-C still says at once that requests in flight are finishing", async () => {
    env = await createSyncEnv({ existingChats: phones(12), latencyMs: 50 });
    const controller = new AbortController();
    const args = [
      "sync",
      "--source",
      env.csv("l.csv", csv(12)),
      "--mapping",
      env.mapping("m.json", { phone: "Telefone" }),
    ];
    const running = runCliInProcess([...args, "--rate", "0", "--concurrency", "1"], {
      env: env.env,
      cwd: env.dir,
      signal: controller.signal,
    });
    while ((env.mock.state().requests.total ?? 0) < 2) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const r = await running;
    expect(r.code).toBe(130);
    expect(told(r.stderr)).toEqual([
      "stopping: interrupted: finishing requests in flight",
      expect.stringMatching(/^error: Interrupted/),
    ]);
  });
});
