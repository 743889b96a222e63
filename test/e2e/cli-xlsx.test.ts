import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MOCK_FIELDS } from "../../src/chatguru/mock/mock-options.js";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = {
  phone: { column: "Telefone", default_country: "BR" },
  name: "Nome",
  custom_fields: { Nascimento: "Nascimento", Valor: "Valor" },
};
const FAST_FLAGS = ["--rate", "0", "--concurrency", "4"];

async function setUp(): Promise<{ source: string; mapping: string }> {
  env = await createSyncEnv({ customFields: [...DEFAULT_MOCK_FIELDS, "Nascimento", "Valor"] });
  const source = join(env.dir, "leads.xlsx");
  copyFileSync(fileURLToPath(new URL("../../fixtures/xlsx/leads.xlsx", import.meta.url)), source);
  return { source, mapping: env.mapping("m.json", MAPPING) };
}

/** The first worksheet of a workbook as header→value records, plus its name and the set of cell types. */
async function readWorkbook(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const records: Array<Record<string, string>> = [];
  const types = new Set<ExcelJS.ValueType>();
  ws.eachRow((row, n) => {
    row.eachCell((cell) => types.add(cell.type));
    if (n > 1) records.push(Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? "")])));
  });
  return { name: ws.name, header, records, types };
}

describe("chatguru-sync with an .xlsx source (CLI)", () => {
  it("validate reads the first worksheet: numeric phone cells are valid, the bad row is named by its Excel row", async () => {
    const { source, mapping } = await setUp();
    const r = await runCliInProcess(["validate", "--source", "leads.xlsx", "--mapping", mapping, "--json"], {
      cwd: env.dir,
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.counts).toEqual({ total: 4, valid: 3, invalid: 1, duplicate: 0 });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 6, code: "ROW_PHONE_INVALID", column: "Telefone" }),
    ]);
    expect(existsSync(source)).toBe(true);

    const outros = await runCliInProcess(
      [
        "validate",
        "--source",
        "leads.xlsx",
        "--sheet",
        "Outros",
        "--mapping",
        env.mapping("o.json", { phone: "Telefone" }),
      ],
      { cwd: env.dir },
    );
    expect(outros.code).toBe(0);
    expect(outros.stderr).toContain("Checked 2 rows");
  });

  it("validate --sheet with an unknown name: exit 2 listing the worksheets", async () => {
    const { mapping } = await setUp();
    const r = await runCliInProcess(
      ["validate", "--source", "leads.xlsx", "--sheet", "Clientes", "--mapping", mapping],
      {
        cwd: env.dir,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no worksheet named "Clientes". Its worksheets are: "Leads", "Outros"');
  });

  it("sync sends digit-exact numbers and the cells as shown, and writes leads.results.xlsx", async () => {
    const { mapping } = await setUp();
    const r = await runCliInProcess(["sync", "--source", "leads.xlsx", "--mapping", mapping, "--json", ...FAST_FLAGS], {
      env: env.env,
      cwd: env.dir,
    });
    expect(r.code).toBe(1); // the row with phone 12345 is invalid
    const report = JSON.parse(r.stdout);
    expect(report.counts).toMatchObject({ total: 4, created: 3, invalid: 1, failed: 0 });
    expect(report.results).toBe(join(env.dir, "leads.results.xlsx"));

    const state = env.mock.state();
    expect(Object.keys(state.chatAddsByNumber).sort()).toEqual(["5511987654321", "5521987654321", "5531987654321"]);
    const joao = state.chats.find((c) => c.number === "5511987654321")!;
    expect(joao.name).toBe("João da Silva");
    expect(joao.fields).toMatchObject({ field__Nascimento: "15/03/1990", field__Valor: "1.234,50" });
    expect(state.chats.find((c) => c.number === "5521987654321")!.name).toBe("Maria Conceição");

    const results = await readWorkbook(join(env.dir, "leads.results.xlsx"));
    expect(results.name).toBe("Leads");
    expect(results.header).toEqual([
      "Nome",
      "Telefone",
      "Celular",
      "Nascimento",
      "Pontos",
      "Total",
      "Valor",
      "Site",
      "Observações",
      "Ativo",
      "chatguru_status",
      "chatguru_chat_add_id",
      "chatguru_chat_number",
      "chatguru_error",
      "chatguru_synced_at",
    ]);
    expect(results.records.map((row) => [row.Telefone, row.chatguru_status, row.chatguru_chat_number])).toEqual([
      ["5511987654321", "created", "5511987654321"],
      ["21987654321", "created", "5521987654321"],
      ["+55 (31) 98765-4321", "created", "5531987654321"],
      ["12345", "invalid", ""],
    ]);
    expect(results.records[3]!.chatguru_error).toContain("ROW_PHONE_INVALID");
    expect(results.records[0]).toMatchObject({ Nascimento: "15/03/1990", Total: "20", Site: "joao.com.br" });
    expect([...results.types]).toEqual([ExcelJS.ValueType.String]);
  });

  it("sync --sheet Outros --results x.csv writes a CSV instead", async () => {
    await setUp();
    const r = await runCliInProcess(
      [
        "sync",
        "--source",
        "leads.xlsx",
        "--sheet",
        "Outros",
        "--mapping",
        env.mapping("o.json", { phone: "Telefone", name: "Nome" }),
        "--results",
        "outros.csv",
        ...FAST_FLAGS,
      ],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(0);
    expect(Object.keys(env.mock.state().chatAddsByNumber).sort()).toEqual(["5548999887766", "5571988776655"]);
    const rows = env.results(join(env.dir, "outros.csv"));
    expect(rows.map((row) => [row.Nome, row.Telefone, row.chatguru_status])).toEqual([
      ["Ana Paula", "5548999887766", "created"],
      ["Bruno", "5571988776655", "created"],
    ]);
    expect(existsSync(join(env.dir, "leads.results.xlsx"))).toBe(false);
  });
});
