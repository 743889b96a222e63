import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isConfigError, type SyncError } from "../../src/errors.js";
import { createSheetsGateway, type SheetsGateway } from "../../src/sheets/sheets-gateway.js";
import { createSheetsSource, type SheetsSourceOptions } from "../../src/sources/sheets-source.js";
import { isOpenedSheetsSource } from "../../src/sources/source.js";
import type { SourceRow } from "../../src/core/source-row.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";

const ID = "source-sheet";
let fake: FakeSheetsServer;
let gateway: SheetsGateway;

beforeAll(async () => {
  fake = await startFakeSheetsServer();
  gateway = await createSheetsGateway({ env: { GOOGLE_ACCESS_TOKEN: fake.token, SHEETS_API_URL: fake.url } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

async function readAll(options: Omit<SheetsSourceOptions, "gateway">) {
  const opened = await createSheetsSource({ gateway, ...options }).open();
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  await opened.close();
  return { opened, rows };
}

async function openError(options: Omit<SheetsSourceOptions, "gateway">): Promise<SyncError> {
  try {
    await readAll(options);
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("Sheets source", () => {
  it("reads the header and every row across pages, skipping blank rows and padding short ones", async () => {
    // Rows 5–7 are blank and end page 2 (rows 5–7 with pageSize 3): Google omits them, so page 2 comes back empty
    // although data follows. Row 9 is short; row 11 has a cell right of the header (a note) that is not read.
    fake.setSheet(ID, "Leads", 0, [
      ["Nome", "Telefone", "Etapa"],
      ["Ana", "+55 11 98765-4321", "novo"],
      ["Bia", "(11) 91234-5678", "lead"],
      ["Caio", "11 3333-4444", "cliente"],
      [],
      ["", "  ", ""],
      [],
      ["Duda", "21987654321", "R$ 1.234,50"],
      ["Edu"],
      ["", "", ""],
      ["Fábio", "5547997565906", "01/03/2026", "nota"],
    ]);
    const { opened, rows } = await readAll({ spreadsheetId: ID, pageSize: 3 });
    expect(opened.headers).toEqual(["Nome", "Telefone", "Etapa"]);
    expect(rows).toEqual([
      { rowNumber: 2, values: { Nome: "Ana", Telefone: "+55 11 98765-4321", Etapa: "novo" } },
      { rowNumber: 3, values: { Nome: "Bia", Telefone: "(11) 91234-5678", Etapa: "lead" } },
      { rowNumber: 4, values: { Nome: "Caio", Telefone: "11 3333-4444", Etapa: "cliente" } },
      { rowNumber: 8, values: { Nome: "Duda", Telefone: "21987654321", Etapa: "R$ 1.234,50" } },
      { rowNumber: 9, values: { Nome: "Edu", Telefone: "", Etapa: "" } },
      { rowNumber: 11, values: { Nome: "Fábio", Telefone: "5547997565906", Etapa: "01/03/2026" } },
    ]);
    const valueReads = fake.requests.filter((r) => r.path.includes("/values/"));
    expect(valueReads.map((r) => r.path.split("/values/")[1])).toEqual([
      "'Leads'!1:1",
      "'Leads'!A2:C4",
      "'Leads'!A5:C7",
      "'Leads'!A8:C10",
      "'Leads'!A11:C11",
    ]);
    // Formatted values: what the person sees ("R$ 1.234,50", "01/03/2026"), not the underlying numbers.
    for (const r of valueReads) expect(r.query.get("valueRenderOption")).toBe("FORMATTED_VALUE");
  });

  it("reads 5 000 rows per request by default", async () => {
    const grid = [
      ["Nome", "Telefone"],
      ...Array.from({ length: 12_000 }, (_, i) => [`P${i}`, `55119${String(i).padStart(8, "0")}`]),
    ];
    fake.setSheet(ID, "Big", 5, grid);
    const { rows } = await readAll({ spreadsheetId: ID, sheet: "Big" });
    expect(rows).toHaveLength(12_000);
    expect(rows.at(-1)).toEqual({ rowNumber: 12_001, values: { Nome: "P11999", Telefone: "5511900011999" } });
    expect(fake.requests.filter((r) => r.path.includes("/values/")).length).toBe(1 + 3);
  });

  it("exposes the resolved tab for the sink and resolves a gid to its title", async () => {
    fake.setSheet(ID, "Leads", 0, [["Nome"], ["Ana"]]);
    fake.setSheet(ID, "Março 2026 — it's new", 777, [
      ["Nome", "Telefone"],
      ["Bia", "1"],
    ]);
    const source = createSheetsSource({ gateway, spreadsheetId: ID, gid: 777 });
    expect(source.kind).toBe("sheets");
    expect(source.id).toBe(`sheets:${ID}#777`);
    const opened = await source.open();
    expect(isOpenedSheetsSource(opened)).toBe(true);
    expect(opened.sheetTitle).toBe("Março 2026 — it's new");
    expect(opened.sheetId).toBe(777);
    expect(opened.url).toBe(`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=777`);
    expect(opened.gateway).toBe(gateway);
    const rows: SourceRow[] = [];
    for await (const row of opened.rows) rows.push(row);
    expect(rows).toEqual([{ rowNumber: 2, values: { Nome: "Bia", Telefone: "1" } }]);
  });

  it("picks a tab by title (forgiving case and spaces), or the first tab", async () => {
    expect((await readAll({ spreadsheetId: ID, sheet: "Leads" })).opened.sheetTitle).toBe("Leads");
    expect((await readAll({ spreadsheetId: ID, sheet: " leads " })).opened.sheetTitle).toBe("Leads");
    expect((await readAll({ spreadsheetId: ID })).opened.sheetTitle).toBe("Leads");
    expect(createSheetsSource({ gateway, spreadsheetId: ID, sheet: "Leads" }).id).toBe(`sheets:${ID}#Leads`);
  });

  it("names the available tabs when the requested one does not exist", async () => {
    const byGid = await openError({ spreadsheetId: ID, gid: 4242 });
    expect(byGid.code).toBe("SOURCE_SHEETS_TAB");
    expect(byGid.message).toContain("gid=4242");
    expect(byGid.message).toContain('"Leads" (gid 0)');
    const byTitle = await openError({ spreadsheetId: ID, sheet: "Clientes" });
    expect(byTitle.message).toContain('no tab "Clientes"');
  });

  it("applies the CSV header rules", async () => {
    fake.setSheet(ID, "Gap", 10, [
      ["Nome", "", "Etapa"],
      ["a", "b", "c"],
    ]);
    const gap = await openError({ spreadsheetId: ID, sheet: "Gap" });
    expect(gap.code).toBe("SOURCE_HEADER_EMPTY");
    expect(gap.message).toContain("B1");

    fake.setSheet(ID, "Dup", 11, [
      ["Nome", "Telefone", "Nome"],
      ["a", "b", "c"],
    ]);
    const dup = await openError({ spreadsheetId: ID, sheet: "Dup" });
    expect(dup.code).toBe("SOURCE_HEADER_DUPLICATE");
    expect(dup.message).toContain('"Nome"');
    expect(dup.message).toContain("A1 and C1");

    fake.setSheet(ID, "Empty", 12, []);
    expect((await openError({ spreadsheetId: ID, sheet: "Empty" })).code).toBe("SOURCE_EMPTY");

    // Blank header cells after the last name (spaces included) are not columns.
    fake.setSheet(ID, "Trailing", 13, [
      [" Nome ", "Telefone", " ", ""],
      ["Ana", "1", "x", "y"],
    ]);
    const { opened, rows } = await readAll({ spreadsheetId: ID, sheet: "Trailing" });
    expect(opened.headers).toEqual(["Nome", "Telefone"]);
    expect(rows).toEqual([{ rowNumber: 2, values: { Nome: "Ana", Telefone: "1" } }]);
  });

  it("only builds the gateway (and so needs credentials) when opened", async () => {
    let built = 0;
    const source = createSheetsSource({
      spreadsheetId: ID,
      sheet: "Leads",
      gateway: async () => {
        built++;
        return gateway;
      },
    });
    expect(built).toBe(0);
    await source.open();
    await source.open();
    expect(built).toBe(1);
  });

  it("stops reading pages once closed", async () => {
    const grid = [["Nome"], ...Array.from({ length: 50 }, (_, i) => [`P${i}`])];
    fake.setSheet(ID, "Stop", 14, grid);
    const opened = await createSheetsSource({ gateway, spreadsheetId: ID, sheet: "Stop", pageSize: 10 }).open();
    const seen: number[] = [];
    for await (const row of opened.rows) {
      seen.push(row.rowNumber);
      if (seen.length === 3) await opened.close();
    }
    expect(seen).toEqual([2, 3, 4]);
    // Header + the first page + at most the one page already prefetched.
    expect(fake.requests.filter((r) => r.path.includes("/values/")).length).toBeLessThanOrEqual(3);
  });
});
