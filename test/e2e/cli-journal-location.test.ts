import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { legacyJournalPath } from "../../src/state/journal-location.js";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = {
  phone: "Telefone",
  name: "Nome",
  custom_fields: { Etapa: "Etapa" },
  note: { template: "Importado: {{Obs}}" },
};
const ROWS = "Telefone,Nome,Etapa,Obs\n11987650001,Ana,novo,a\n11987650002,Bia,novo,b\n11987650003,Caio,novo,c\n";
const FLAGS = ["--rate", "0", "--json"];

async function syncIn(cwd: string, source: string, mapping: string, extra: string[] = []) {
  const r = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, ...FLAGS, ...extra], {
    env: env.env,
    cwd,
  });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

describe("the journal belongs to the mapping, not to the source file or the working directory", () => {
  it("a renamed source synced from another folder repeats nothing: 0 note_add, every row unchanged", async () => {
    env = await createSyncEnv();
    mkdirSync(join(env.dir, "cfg"));
    const mapping = env.mapping("cfg/leads.json", MAPPING);
    const first = await syncIn(env.dir, env.csv("leads_crm.csv", ROWS), mapping);
    expect(first.code).toBe(0);
    expect(first.report.counts.created).toBe(3);
    expect(env.mock.state().requests.byAction.note_add).toBe(3);
    expect(first.report.state).toMatch(/\/cfg\/\.chatguru-sync\/leads-[0-9a-f]{12}\.ndjson$/);

    // Re-downloaded under another name, moved into another folder, run from yet another working directory.
    mkdirSync(join(env.dir, "downloads"));
    mkdirSync(join(env.dir, "elsewhere"));
    renameSync(join(env.dir, "leads_crm.csv"), join(env.dir, "downloads", "leads_crm (1).csv"));
    const second = await syncIn(join(env.dir, "elsewhere"), "../downloads/leads_crm (1).csv", "../cfg/leads.json");
    expect(second.code).toBe(0);
    expect(second.report.counts).toMatchObject({ total: 3, unchanged: 3, created: 0, updated: 0 });
    expect(env.mock.state().requests.byAction.note_add).toBe(3);
    expect(second.report.state).toBe(first.report.state);
    expect(existsSync(join(env.dir, "elsewhere", ".chatguru-sync"))).toBe(false);
  });

  it("a journal of the old layout (in the working directory, named after the source) is adopted, not lost", async () => {
    env = await createSyncEnv();
    const mapping = env.mapping("m.json", MAPPING);
    const source = env.csv("leads.csv", ROWS);
    const first = await syncIn(env.dir, source, mapping);
    expect(first.code).toBe(0);
    // Put the journal where the previous release kept it.
    const { CHATGURU_ACCOUNT_ID: account, CHATGURU_PHONE_ID: phone } = env.env;
    const legacy = legacyJournalPath(env.dir, source, account!, phone!);
    mkdirSync(join(legacy, ".."), { recursive: true });
    copyFileSync(first.report.state, legacy);
    rmSync(first.report.state);

    const second = await syncIn(env.dir, source, mapping);
    expect(second.code).toBe(0);
    expect(second.report.counts.unchanged).toBe(3);
    expect(env.mock.state().requests.byAction.note_add).toBe(3);
    expect(second.stderr).toContain(`continuing the journal of earlier runs: moved ${legacy}`);
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(first.report.state)).toBe(true);
  });

  it("a dry run without connection settings finds the journal by the mapping and plans from it", async () => {
    env = await createSyncEnv();
    const mapping = env.mapping("m.json", MAPPING);
    const source = env.csv("leads.csv", ROWS);
    expect((await syncIn(env.dir, source, mapping)).code).toBe(0);
    const plan = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--dry-run"], {
      env: {},
      cwd: env.dir,
    });
    expect(plan.code).toBe(0);
    expect(plan.stderr).toContain("3 unchanged");
    // The dry run wrote no journal of its own (beside the run's journal: what it learnt of the account).
    expect(readdirSync(join(env.dir, ".chatguru-sync")).filter((name) => name.endsWith(".ndjson"))).toHaveLength(1);

    const fresh = env.mapping("other.json", MAPPING);
    const none = await runCliInProcess(["sync", "--source", source, "--mapping", fresh, "--dry-run"], {
      env: {},
      cwd: env.dir,
    });
    expect(none.stderr).toContain("every row is planned as new");
  });
});
