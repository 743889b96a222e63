import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnvironment } from "../../src/cli/env.js";
import { repoRoot } from "../helpers/cli.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";
import { startUiEnv, type UiEnv } from "../helpers/ui-client.js";

let env: UiEnv | undefined;
let sheets: FakeSheetsServer | undefined;
afterEach(async () => {
  await env?.close();
  await sheets?.close();
  env = undefined;
  sheets = undefined;
});

const fixture = (path: string) => readFileSync(join(repoRoot, "fixtures", path));

describe("ui server: files and sheets as the Arquivo page reads them", () => {
  it("reads an Excel-BR CSV (Windows-1252, `;`) and a workbook's chosen worksheet; the read can be changed", async () => {
    env = await startUiEnv();
    const { client } = env;
    const csv = (await client.upload("excel-br.csv", fixture("csv/excel-br.csv"))).json;
    expect(csv.read).toMatchObject({ encoding: "windows-1252", delimiter: ";", headerRow: 1, chosen: {} });
    expect(csv.header).toContain("Observações");

    const book = (await client.upload("leads.xlsx", fixture("xlsx/leads.xlsx"))).json;
    expect(book).toMatchObject({ kind: "xlsx", read: { sheet: "Leads", headerRow: 1 }, rowCount: 4 });
    expect(book.sample[0].values.Telefone).toBe("5511987654321");
    const other = await client.put(`/api/sources/${book.id}/read`, { sheet: "Outros" });
    expect(other.status).toBe(200);
    expect(other.json).toMatchObject({ read: { sheet: "Outros", chosen: { sheet: "Outros" } }, rowCount: 2 });
    expect(other.json.header).toEqual(["Nome", "Telefone", "Cidade"]);
    const missing = (await client.put(`/api/sources/${book.id}/read`, { sheet: "Nenhuma" })).json;
    expect(missing.error).toMatchObject({ code: "SOURCE_SHEET_NOT_FOUND", message: expect.any(String) });
    expect(missing.error.detail).toContain("Outros");
    expect((await client.get(`/api/sources/${book.id}/mapping`)).status).toBe(422);
    // Newest first, without the samples (GET /api/sources/:id has them).
    const list = (await client.get("/api/sources")).json.sources;
    expect(list.map((s: { id: string }) => s.id)).toEqual([book.id, csv.id]);
    expect(list[0].sample).toBeUndefined();
  });

  it("keeps a file it cannot read and says why (a workbook renamed .csv), instead of rows of garbage", async () => {
    env = await startUiEnv();
    const answer = await env.client.upload("contatos.csv", fixture("csv/xlsx-renamed.csv"));
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ header: [], rowCount: 0, error: { code: "SOURCE_NOT_TEXT" } });
  });

  it("reads a Google Sheet from its link with the server's credentials, which never reach the page", async () => {
    sheets = await startFakeSheetsServer();
    const sheetsEnv = { SHEETS_API_URL: sheets.url, GOOGLE_ACCESS_TOKEN: sheets.token };
    sheets.setSheet("abcDEF123456", "Leads SP", 7, [
      ["Nome", "WhatsApp"],
      ["Ana", "11987654321"],
      ["Beto", "11 97777-1111"],
    ]);
    let dir = "";
    env = await startUiEnv(
      {},
      {
        env: {
          process: sheetsEnv,
          merged: () => loadEnvironment(dir, sheetsEnv),
        },
      },
    );
    dir = env.dir;
    const { client } = env;
    const link = "https://docs.google.com/spreadsheets/d/abcDEF123456/edit#gid=7";
    const answer = await client.post("/api/sources/sheets", { url: link });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      kind: "sheets",
      name: "Leads SP",
      url: link,
      rowCount: 2,
      mapping: { path: "planilha-leads-sp-abcdef.mapping.json" },
    });
    expect(answer.json.columns[1]).toMatchObject({ name: "WhatsApp", phones: { valid: 2, invalid: 0 } });
    const mapping = (await client.get(`/api/sources/${answer.json.id}/mapping`)).json.mapping;
    expect(mapping.phone.column).toBe("WhatsApp");
    expect((await client.put(`/api/sources/${answer.json.id}/mapping`, { mapping })).json.command).toContain(
      `--source '${link}'`,
    );
    const plan = await client.post(`/api/sources/${answer.json.id}/plan`);
    expect(plan.json.counts).toMatchObject({ total: 2, valid: 2, new: 2 });
    expect((await client.post("/api/sources/sheets", { url: "https://example.com/planilha" })).status).toBe(400);
    for (const body of client.seen) expect(body).not.toContain(sheets.token);
  });
});
