import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MOCK_FIELDS } from "../../src/chatguru/mock/mock-options.js";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/** Results: the plan file, the errors file, local synced_at — through the CLI against the mock. */

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const FLAGS = ["--rate", "0", "--concurrency", "4"];
// `;`, a quoted cell with the delimiter, an accent, a formula-looking input cell, an invalid phone and a duplicate.
const SOURCE = [
  "Telefone;Nome;Etapa",
  "11987654321;Ana;novo",
  '12345;"Bia; a bad phone";=1+1',
  "11987654321;Ana again;x",
  "11912340001;Cé;novo",
].join("\r\n");

const run = (args: string[], cwd = env.dir) => runCliInProcess(args, { env: env.env, cwd });

describe("results files (CLI)", () => {
  it("--dry-run writes only <source>.plan.csv: no results, no errors file, no request", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads.csv", SOURCE);
    const r = await run([
      "sync",
      "--source",
      source,
      "--mapping",
      env.mapping("m.json", MAPPING),
      "--dry-run",
      ...FLAGS,
    ]);
    expect(r.code).toBe(1);
    expect(existsSync(join(env.dir, "leads.results.csv"))).toBe(false);
    expect(existsSync(join(env.dir, "leads.errors.csv"))).toBe(false);
    expect(env.mock.state().requests.total).toBe(0);
    const plan = env.results(join(env.dir, "leads.plan.csv"));
    expect(plan.map((row) => row.chatguru_status)).toEqual(["would-upsert", "invalid", "duplicate", "would-upsert"]);
    expect(plan[1]!.chatguru_error).toMatch(/^ROW_PHONE_INVALID/);
    expect(r.stderr).toContain(`plan file: ${join(env.dir, "leads.plan.csv")}`);
  });

  it("<source>.errors.csv holds only the rows to fix, copied as read (same delimiter, UTF-8 BOM), valid input again", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads.csv", SOURCE);
    const mapping = env.mapping("m.json", MAPPING);
    const r = await run(["sync", "--source", source, "--mapping", mapping, "--json", ...FLAGS]);
    expect(r.code).toBe(1);
    const errorsFile = join(env.dir, "leads.errors.csv");
    expect(JSON.parse(r.stdout)).toMatchObject({ results: join(env.dir, "leads.results.csv"), errors: errorsFile });
    const text = readFileSync(errorsFile, "utf8");
    expect(text.startsWith("\uFEFFTelefone;Nome;Etapa;chatguru_status;chatguru_error\r\n")).toBe(true);
    // Input cells as read, except that a cell Excel would run as a formula is written so it shows as text.
    expect(text).toContain('12345;"Bia; a bad phone";\'=1+1;invalid;');
    const rows = env.results(errorsFile);
    expect(rows.map((row) => [row.Nome, row.chatguru_status])).toEqual([
      ["Bia; a bad phone", "invalid"],
      ["Ana again", "duplicate"],
    ]);

    // Fix the rows in the errors file and feed it back: it is a valid source, and a clean run leaves no errors file.
    writeFileSync(errorsFile, text.replace("12345;", "11912340002;").replace("11987654321;", "11912340003;"));
    const again = await run(["sync", "--source", errorsFile, "--mapping", mapping, ...FLAGS]);
    expect(again.code).toBe(0);
    expect(env.results(join(env.dir, "leads.errors.results.csv")).map((row) => row.chatguru_status)).toEqual([
      "created",
      "created",
    ]);
    expect(existsSync(join(env.dir, "leads.errors.errors.csv"))).toBe(false);
    // Read back unchanged: the cell went to ChatGuru as it was typed, not with the quote the file shows.
    expect(env.mock.state().chats.find((c) => c.number === "5511912340002")?.fields.field__Etapa).toBe("=1+1");
  });

  it("an unfixed duplicate fed back in the errors file stays a duplicate: it never overwrites the row that won", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads.csv", SOURCE);
    const mapping = env.mapping("m.json", MAPPING);
    expect((await run(["sync", "--source", source, "--mapping", mapping, ...FLAGS])).code).toBe(1);
    const errorsFile = join(env.dir, "leads.errors.csv");
    const text = readFileSync(errorsFile, "utf8");
    const ana = () => {
      const state = env.mock.state();
      const updates = state.log.filter(
        (e) => e.action === "chat_update_custom_fields" && e.chatNumber === "5511987654321" && e.status === 200,
      );
      return [updates.length, state.chats.find((c) => c.number === "5511987654321")?.fields.field__Etapa];
    };
    expect(ana()).toEqual([1, "novo"]);

    // Only the bad phone fixed: "Ana again" (same phone as Ana, already synced) is still a duplicate.
    writeFileSync(errorsFile, text.replace("12345;", "11912340002;"));
    const again = await run(["sync", "--source", errorsFile, "--mapping", mapping, ...FLAGS]);
    expect(again.code).toBe(1);
    const results = readFileSync(join(env.dir, "leads.errors.results.csv"), "utf8").split("\r\n");
    expect(results[1]).toMatch(/^11912340002;"Bia; a bad phone";'=1\+1;created;/);
    expect(results[2]).toMatch(
      /^11987654321;Ana again;x;duplicate;"ROW_DUPLICATE_KEY.*already synced from another row/,
    );
    expect(results[2]).toContain('clear its ""chatguru_status"" cell');
    expect(ana()).toEqual([1, "novo"]);

    // Its status cell cleared: the user means it, the row's values are synced.
    writeFileSync(errorsFile, text.replace("12345;", "11912340002;").replace(";x;duplicate;", ";x;;"));
    expect((await run(["sync", "--source", errorsFile, "--mapping", mapping, ...FLAGS])).code).toBe(0);
    expect(ana()).toEqual([2, "x"]);
  });

  it("a run stopped by a credentials error before anything changed leaves the results file as it was", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads.csv", SOURCE);
    const mapping = env.mapping("m.json", MAPPING);
    expect((await run(["sync", "--source", source, "--mapping", mapping, ...FLAGS])).code).toBe(1);
    const results = join(env.dir, "leads.results.csv");
    const errors = join(env.dir, "leads.errors.csv");
    const before = [readFileSync(results, "utf8"), readFileSync(errors, "utf8")];

    // A typo in the account id: another journal, which knows nothing of the run before.
    const typo = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, ...FLAGS], {
      env: { ...env.env, CHATGURU_ACCOUNT_ID: "typo-account" },
      cwd: env.dir,
    });
    expect(typo.code).toBe(3);
    expect(typo.stderr).toContain("the results were left as they were");
    expect(typo.stderr).not.toContain("no status in the results");
    expect([readFileSync(results, "utf8"), readFileSync(errors, "utf8")]).toEqual(before);
  });

  it("a run with nothing to fix removes the errors file an earlier run left", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads.csv", SOURCE);
    const mapping = env.mapping("m.json", MAPPING);
    expect((await run(["sync", "--source", source, "--mapping", mapping, ...FLAGS])).code).toBe(1);
    expect(existsSync(join(env.dir, "leads.errors.csv"))).toBe(true);
    writeFileSync(source, "Telefone;Nome;Etapa\r\n11987654321;Ana;novo\r\n");
    const r = await run(["sync", "--source", source, "--mapping", mapping, ...FLAGS]);
    expect(r.code).toBe(0);
    expect(existsSync(join(env.dir, "leads.errors.csv"))).toBe(false);
    expect(r.stderr).not.toContain("errors:");
  });

  it("synced_at is local time with its offset (process TZ)", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const source = env.csv("leads.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n");
    const r = await spawnCli(["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), ...FLAGS], {
      env: { ...env.env, TZ: "America/Sao_Paulo" },
      cwd: env.dir,
    });
    expect(r.code).toBe(0);
    const [row] = env.results(join(env.dir, "leads.results.csv"));
    expect(row!.chatguru_synced_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-03:00$/);
    expect(Math.abs(Date.parse(row!.chatguru_synced_at!) - Date.now())).toBeLessThan(60_000);
  });

  it("an .xlsx source gets <source>.errors.xlsx: the rows to fix as text cells, phones exact", async () => {
    env = await createSyncEnv({ customFields: [...DEFAULT_MOCK_FIELDS, "Nascimento", "Valor"] });
    const source = join(env.dir, "leads.xlsx");
    copyFileSync(fileURLToPath(new URL("../../fixtures/xlsx/leads.xlsx", import.meta.url)), source);
    const mapping = env.mapping("m.json", {
      phone: { column: "Telefone", default_country: "BR" },
      name: "Nome",
      custom_fields: { Nascimento: "Nascimento", Valor: "Valor" },
    });
    const r = await run(["sync", "--source", "leads.xlsx", "--mapping", mapping, ...FLAGS]);
    expect(r.code).toBe(1);
    expect(existsSync(join(env.dir, "leads.errors.csv"))).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(env.dir, "leads.errors.xlsx"));
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-2)).toEqual(["chatguru_status", "chatguru_error"]);
    expect(String(ws.getRow(2).getCell(header.length - 1).value)).toBe("invalid");

    // Its dry-run plan is a workbook too; a CSV asked for with --results uses `;` (Excel in Portuguese).
    expect((await run(["sync", "--source", "leads.xlsx", "--mapping", mapping, "--dry-run", ...FLAGS])).code).toBe(1);
    const plan = new ExcelJS.Workbook();
    await plan.xlsx.readFile(join(env.dir, "leads.plan.xlsx"));
    expect((plan.worksheets[0]!.getRow(1).values as unknown[]).slice(-2)).toEqual([
      "chatguru_status",
      "chatguru_error",
    ]);
    expect(existsSync(join(env.dir, "leads.plan.csv"))).toBe(false);
    const checked = await run(["validate", "--source", "leads.xlsx", "--mapping", mapping, "--results", "v.csv"]);
    expect(checked.code).toBe(1);
    expect(readFileSync(join(env.dir, "v.csv"), "utf8")).toMatch(/^\uFEFFNome;Telefone;Celular;/);
  });
});
