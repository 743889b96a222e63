import { afterEach, describe, expect, it } from "vitest";
import { sync } from "../../src/sync.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
let sheets: FakeSheetsServer;
afterEach(async () => {
  await env?.close();
  await sheets?.close();
});

const ID = "1FakeSheetIdAbCdEfGhIjKlMnOpQrStUvWxYz012345";
const URL_SPEC = `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=7`;
const MAPPING = { phone: "Telefone", key: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const STATUS = 3;
const ERROR = 6;

async function setup(rows: string[][], existingChats: string[]) {
  env = await createSyncEnv({ existingChats });
  sheets = await startFakeSheetsServer();
  sheets.setSheet(ID, "Leads SP", 7, rows);
  return { SHEETS_API_URL: sheets.url, GOOGLE_ACCESS_TOKEN: sheets.token };
}

function rowOf(name: string): string[] {
  const row = sheets.getSheet(ID, "Leads SP").find((r) => r[1] === name);
  if (!row) throw new Error(`row ${name} not in the sheet`);
  return row;
}

describe("Sheets write-back: every row gets its own result, whatever its key", () => {
  it("rows with an empty phone cell (in the middle and last) get `invalid` and the error in their cells", async () => {
    const google = await setup(
      [
        ["Telefone", "Nome", "Etapa"],
        ["11911110001", "A", "a"],
        ["", "Vazio1", "b"],
        ["123", "Curto", "c"],
        ["11911110001", "Dup", "d"],
        ["", "Vazio2", "e"],
      ],
      ["5511911110001"],
    );
    const report = await sync({
      source: URL_SPEC,
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      env: google,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts).toMatchObject({ updated: 1, invalid: 3, duplicate: 1 });
    expect(rowOf("A")[STATUS]).toBe("updated");
    expect(rowOf("Curto")[STATUS]).toBe("invalid");
    expect(rowOf("Dup")[STATUS]).toBe("duplicate");
    for (const name of ["Vazio1", "Vazio2"]) {
      expect(rowOf(name)[STATUS]).toBe("invalid");
      expect(rowOf(name)[ERROR]).toMatch(/ROW_(PHONE_INVALID|VALUE_MISSING)/);
    }
  });

  it("rows with an empty or invalid key still get their own result after rows were inserted above them", async () => {
    const google = await setup(
      [
        ["Telefone", "Nome", "Etapa"],
        ["11911110001", "A", "a"],
        ["", "Vazio1", "b"],
        ["123", "Curto", "c"],
        ["", "Vazio2", "e"],
      ],
      ["5511911110001"],
    );
    let inserted = false;
    const report = await sync({
      source: URL_SPEC,
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      env: google,
      cwd: env.dir,
      ...FAST,
      onEvent: (e) => {
        if (e.type === "row" && !inserted) {
          inserted = true;
          sheets.insertRow(ID, "Leads SP", 2, ["11999990000", "Nova linha", "x"]);
          sheets.insertRow(ID, "Leads SP", 2, ["", "Nova sem telefone", "y"]);
        }
      },
    });
    expect(report.counts).toMatchObject({ updated: 1, invalid: 3 });
    expect(rowOf("Nova linha")[STATUS] ?? "").toBe("");
    expect(rowOf("Nova sem telefone")[STATUS] ?? "").toBe("");
    expect(rowOf("A")[STATUS]).toBe("updated");
    for (const name of ["Vazio1", "Curto", "Vazio2"]) {
      expect(rowOf(name)[STATUS]).toBe("invalid");
      expect(rowOf(name)[ERROR]).toMatch(/ROW_(PHONE_INVALID|VALUE_MISSING)/);
    }
  });
});
