import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/** Excel on Windows holds an open results file: replacing it fails with EPERM. Root on Linux cannot provoke that. */
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (!to.endsWith(".results.csv")) return actual.rename(from, to);
      throw Object.assign(new Error(`EPERM: operation not permitted, rename '${from}' -> '${to}'`), {
        code: "EPERM",
        syscall: "rename",
        path: from,
        dest: to,
      });
    },
  };
});

let env: SyncEnv;
afterEach(async () => env?.close());

describe("a results file open in Excel", () => {
  it("every row synced: one plain error naming the file, no temp path, and the next run sends nothing again", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads (1).csv", "Telefone,Nome\n11987654321,Ana\n11987654322,Bia\n");
    const mapping = env.mapping("m.json", { phone: "Telefone", name: "Nome" });
    const args = ["sync", "--source", source, "--mapping", mapping, "--rate", "0"];
    const r = await runCliInProcess(args, { env: env.env, cwd: env.dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("2 rows in ");
    expect(r.stderr).toContain(" — 2 created\n");
    const errors = r.stderr.split("\n").filter((line) => line.includes("leads (1).results.csv"));
    expect(errors).toEqual([
      'error: Could not replace "leads (1).results.csv" (EPERM): is it open in Excel? Close it and run again — ' +
        "rows already synced are not sent again (the journal remembers them).",
    ]);
    expect(r.stderr).not.toMatch(/\.tmp|stopped part-way/);
    expect(existsSync(join(env.dir, "leads (1).results.csv"))).toBe(false);

    const adds = env.mock.state().requests.byAction.chat_add;
    expect(adds).toBe(2);
    await runCliInProcess(args, { env: env.env, cwd: env.dir });
    expect(env.mock.state().requests.byAction.chat_add).toBe(adds);
  });
});
