import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/** `status` when no row is pending says so plainly instead of printing a sync's counts. */

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome" };
/** One valid row, one invalid, one duplicate of the first. */
const CSV = "Telefone,Nome\n11987654321,Ana\n12345,Bad\n11987654321,Ana de novo\n";

async function run(command: string, flags: string[] = []) {
  const args = [command, "--source", `${env.dir}/l.csv`, "--mapping", `${env.dir}/m.json`, "--rate", "0", ...flags];
  return runCliInProcess(args, { env: env.env, cwd: env.dir });
}

describe("status with nothing pending", () => {
  it("says there is nothing to finish, and why invalid rows still make the exit code 1", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    env.csv("l.csv", CSV);
    env.mapping("m.json", MAPPING);
    expect((await run("sync")).code).toBe(1);
    const requests = env.mock.state().requests.total;

    const r = await run("status");
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines[1]).toBe("No rows are pending: nothing to finish.");
    expect(lines[2]).toBe(
      "  rows to fix (1 invalid, 1 duplicate) still make the exit code 1: fix them and sync, or pass --fail-on failed.",
    );
    expect(r.stderr).not.toMatch(/rows in [\d.]+ s|requests: /);
    expect(env.mock.state().requests.total).toBe(requests);

    const failedOnly = await run("status", ["--fail-on", "failed"]);
    expect(failedOnly.code).toBe(0);
    expect(failedOnly.stderr).toContain("No rows are pending: nothing to finish.\n");
    expect(failedOnly.stderr).not.toContain("still make the exit code 1");

    const quiet = await run("status", ["--quiet"]);
    expect(quiet.stderr).toMatch(
      / status \S+l\.csv: nothing pending; 3 rows — 1 unchanged, 1 invalid, 1 duplicate \(exit 1\)\nFirst problems:\n/,
    );
  });

  it("rows left pending are finished and counted as a sync's are", async () => {
    env = await createSyncEnv({ addDelayMs: 300 });
    env.csv("l.csv", "Telefone,Nome\n11987654321,Ana\n");
    env.mapping("m.json", MAPPING);
    expect((await run("sync", ["--no-wait"])).code).toBe(0);
    // status polls the add until the mock settles it (300 ms after chat_add) on the test poll schedule.
    const r = await run("status");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^1 row in [\d.]+ s — 1 created$/m);
    expect(r.stderr).not.toContain("No rows are pending");
  });

  it("rows no run has synced (an import stopped early) are said to need sync, not called unchanged", async () => {
    env = await createSyncEnv();
    env.csv("l.csv", ["Telefone,Nome", ...[1, 2, 3, 4, 5].map((i) => `1198765432${i},P${i}`)].join("\n"));
    env.mapping("m.json", MAPPING);
    expect((await run("sync", ["--limit", "2"])).code).toBe(0);

    const r = await run("status", ["--json"]);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ exitCode: 0, notSynced: 3, counts: { unchanged: 2 } });
    const human = await run("status");
    expect(human.stderr).toContain(
      '3 rows were never synced (this command only finishes what sync started): run "chatguru-sync sync" to send them.',
    );
    const statuses = env.results(`${env.dir}/l.results.csv`).map((row) => row.chatguru_status);
    expect(statuses).toEqual(["created", "created", "", "", ""]);
  });
});
