import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot, runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/**
 * Column names and custom field names that every JavaScript object already has (`__proto__`, `constructor`,
 * `toString`): a column named `__proto__` was read as "[object Object]" and crashed the run when mapped; a custom
 * field named `__proto__` was silently dropped.
 */

let env: SyncEnv;
afterEach(async () => env?.close());

describe("prototype names as columns and custom fields", () => {
  it("sync sends every one of them, with its own cell", async () => {
    env = await createSyncEnv({
      customFields: ["field____proto__", "field__constructor", "field__Origem"],
      existingChats: ["5511987650001", "5511987650002"],
    });
    copyFileSync(join(repoRoot, "fixtures/csv/prototype-keys.csv"), join(env.dir, "l.csv"));
    copyFileSync(join(repoRoot, "fixtures/mapping/prototype-keys.json"), join(env.dir, "m.json"));
    const args = ["--source", "l.csv", "--mapping", "m.json"];
    const validate = await runCliInProcess(["validate", ...args], { env: env.env, cwd: env.dir });
    expect(validate.stderr).not.toContain("internal error");
    expect(validate.code).toBe(0);

    const r = await runCliInProcess(["sync", ...args, "--rate", "0"], { env: env.env, cwd: env.dir });
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(0);
    const fields = (number: string) => env.mock.state().chats.find((c) => c.number === number)?.fields;
    expect(fields("5511987650001")).toEqual({
      field____proto__: "vip",
      field__constructor: "PLANILHA",
      field__Origem: "a/vip",
    });
    // An empty cell is skipped (empty: "skip"), as for any other column.
    expect(fields("5511987650002")).toEqual({ field__constructor: "SITE", field__Origem: "b/" });
    const results = env.results(join(env.dir, "l.results.csv"));
    expect(results.map((row) => [row.__proto__, row.chatguru_status])).toEqual([
      ["vip", "updated"],
      ["", "updated"],
    ]);
  });
});
