import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/** The dry run says what the real run will cost and shows the first rows as they will be sent. */

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = {
  phone: "Telefone",
  name: "Nome",
  custom_fields: { "Etapa do funil": "Etapa", Origem: { value: "planilha" } },
  note: { template: "Importado: {{Nome}}" },
};

function source(rows: number): string {
  const lines = ["Telefone,Nome,Etapa"];
  for (let i = 0; i < rows; i++) lines.push(`1197000${String(1001 + i)},Pessoa ${i},lead ${i}`);
  return env.csv("leads.csv", `${lines.join("\n")}\n`);
}

describe("sync --dry-run cost and preview (CLI)", () => {
  it("prints the requests and the time at --rate, and the first three rows with their field__ values", async () => {
    env = await createSyncEnv();
    const r = await runCliInProcess(
      ["sync", "--source", source(150), "--mapping", env.mapping("m.json", MAPPING), "--dry-run", "--rate", "5"],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(0);
    expect(env.mock.state().requests.total).toBe(0);
    // New rows: chat_add + ≈1 chat_add_status + the update + the note = 4 each; the first 4 rows of an upsert are
    // also checked on their area code's number form before adding (the run does not know yet that its rows are new).
    expect(r.stderr).toContain("cost: about 604 requests, ≈ 2 min at --rate 5 (--concurrency 4");
    expect(r.stderr).toContain("first 3 rows as they will be sent:");
    expect(r.stderr).toContain(
      'row 2 (would-upsert): 5511970001001 "Pessoa 0" · field__Etapa_do_funil="lead 0", field__Origem="planilha" · note "Importado: Pessoa 0"',
    );
    expect(r.stderr).toContain("row 4 (would-upsert)");
    expect(r.stderr).not.toContain("row 5 (");
  });

  it("the estimate is what the real run then sends (new rows, blank adds, ChatGuru adding at once)", async () => {
    env = await createSyncEnv();
    const args = ["sync", "--source", source(20), "--mapping", env.mapping("m.json", MAPPING), "--rate", "0"];
    const plan = await runCliInProcess([...args, "--dry-run", "--json"], { env: env.env, cwd: env.dir });
    const estimate = JSON.parse(plan.stdout).plan.estimate.requests as number;
    expect(estimate).toBe(84);
    const real = await runCliInProcess([...args, "--json"], { env: env.env, cwd: env.dir });
    expect(JSON.parse(real.stdout).requests.total).toBe(estimate);
  });

  it("--json: report.plan keeps its counts and adds estimate and preview; the documented keys stay", async () => {
    env = await createSyncEnv();
    const r = await runCliInProcess(
      [
        "sync",
        "--source",
        source(10),
        "--mapping",
        env.mapping("m.json", MAPPING),
        "--dry-run",
        "--json",
        "--rate",
        "2",
        "--concurrency",
        "3",
      ],
      { env: env.env, cwd: env.dir },
    );
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(["ok", "exitCode", "counts", "requests", "durationMs", "results", "plan"]),
    );
    expect(report.plan).toMatchObject({
      new: 10,
      changed: 0,
      unchanged: 0,
      retry: 0,
      estimate: { requests: 44, seconds: 22, rate: 2, concurrency: 3 },
    });
    expect(report.plan.preview).toHaveLength(3);
    expect(report.plan.preview[0]).toEqual({
      row: 2,
      status: "would-upsert",
      number: "5511970001001",
      name: "Pessoa 0",
      fields: { field__Etapa_do_funil: "lead 0", field__Origem: "planilha" },
      note: "Importado: Pessoa 0",
    });
  });

  it("after a real run, unchanged rows cost nothing and a changed row costs one update", async () => {
    env = await createSyncEnv({ customFields: ["Etapa do funil", "Origem"] });
    const path = source(3);
    const mapping = env.mapping("m.json", { ...MAPPING, note: undefined });
    const flags = ["--rate", "0"];
    expect(
      (
        await runCliInProcess(["sync", "--source", path, "--mapping", mapping, ...flags], {
          env: env.env,
          cwd: env.dir,
        })
      ).code,
    ).toBe(0);
    env.csv("leads.csv", env.read(path).replace("lead 1", "cliente"));
    const r = await runCliInProcess(
      ["sync", "--source", path, "--mapping", mapping, "--dry-run", "--json", "--rate", "5"],
      {
        env: env.env,
        cwd: env.dir,
      },
    );
    const { plan } = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ changed: 1, unchanged: 2, estimate: { requests: 1, seconds: 1 } });
    expect(plan.preview).toEqual([expect.objectContaining({ row: 3, status: "would-update" })]);
  });
});
