import { afterEach, describe, expect, it } from "vitest";
import { sync } from "../../src/sync.js";
import { runCliInProcess } from "../helpers/cli.js";
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
const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };

async function setup(rows: string[][], mock: Parameters<typeof createSyncEnv>[0] = {}) {
  env = await createSyncEnv(mock);
  sheets = await startFakeSheetsServer();
  sheets.setSheet(ID, "Leads SP", 7, rows);
  return { SHEETS_API_URL: sheets.url, GOOGLE_ACCESS_TOKEN: sheets.token };
}

function sheetRequestsOf(kind: "GET" | "PUT" | "POST") {
  return sheets.requests.filter((r) => r.method === kind && r.path.startsWith("/v4/"));
}

describe("sync with a Google Sheet as source and write-back target", () => {
  it("reads the sheet, syncs into ChatGuru, and writes each row's status into the sheet itself (RAW)", async () => {
    const google = await setup(
      [
        ["Telefone", "Nome", "Etapa"],
        ["+55 11 98765-4321", "Ana", "=cliente"],
        ["21 99876-5432", "Bruno", "novo"],
        ["123", "Curto", "x"],
      ],
      { existingChats: ["5511987654321"] },
    );
    const report = await sync({
      source: URL_SPEC,
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      env: google,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts).toMatchObject({ total: 3, updated: 1, created: 1, invalid: 1 });
    expect(report.results).toContain(`/spreadsheets/d/${ID}`);
    expect(env.mock.state().chats.find((c) => c.number === "5511987654321")?.fields.field__Etapa).toBe("=cliente");

    const grid = sheets.getSheet(ID, "Leads SP");
    expect(grid[0]).toEqual([
      "Telefone",
      "Nome",
      "Etapa",
      "chatguru_status",
      "chatguru_chat_add_id",
      "chatguru_chat_number",
      "chatguru_error",
      "chatguru_synced_at",
    ]);
    expect(grid[1]!.slice(0, 6)).toEqual(["+55 11 98765-4321", "Ana", "=cliente", "updated", "", "5511987654321"]);
    expect(grid[2]![3]).toBe("created");
    expect(grid[2]![4]).toMatch(/^[0-9a-f]{24}$/);
    expect(grid[3]![3]).toBe("invalid");
    expect(grid[3]![6]).toMatch(/ROW_PHONE_INVALID/);
    // Every write is RAW, and the whole run is a handful of Sheets calls.
    const writes = [...sheetRequestsOf("PUT"), ...sheetRequestsOf("POST")];
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((w) => w.valueInputOption === "RAW")).toBe(true);
    expect(sheets.requests.filter((r) => r.path.startsWith("/v4/")).length).toBeLessThanOrEqual(8);
  });

  it("a row inserted by a person during the run does not shift anyone's result", async () => {
    const google = await setup(
      [
        ["Telefone", "Nome", "Etapa"],
        ["11911110001", "A", "a"],
        ["11911110002", "B", "b"],
      ],
      { existingChats: ["5511911110001", "5511911110002"] },
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
        }
      },
    });
    expect(report.counts.updated).toBe(2);
    const grid = sheets.getSheet(ID, "Leads SP");
    expect(grid[1]!.slice(0, 3)).toEqual(["11999990000", "Nova linha", "x"]);
    expect(grid[1]![3] ?? "").toBe("");
    expect(grid[2]!.slice(0, 4)).toEqual(["11911110001", "A", "a", "updated"]);
    expect(grid[3]!.slice(0, 4)).toEqual(["11911110002", "B", "b", "updated"]);
  });

  it("a scheduled re-run costs no ChatGuru call for unchanged rows and O(1) Sheets calls; an edited cell costs one update", async () => {
    const google = await setup(
      [
        ["Telefone", "Nome", "Etapa"],
        ["11911110001", "A", "a"],
        ["11911110002", "B", "b"],
        ["11911110003", "C", "c"],
      ],
      { existingChats: ["5511911110001", "5511911110002", "5511911110003"] },
    );
    const mapping = env.mapping("m.json", MAPPING);
    await sync({ source: URL_SPEC, mapping, connection: env.connection, env: google, cwd: env.dir, ...FAST });
    const before = sheets.requests.length;
    const again = await sync({
      source: URL_SPEC,
      mapping,
      connection: env.connection,
      env: google,
      cwd: env.dir,
      ...FAST,
    });
    expect(again.requests.total).toBe(0);
    expect(again.counts.unchanged).toBe(3);
    expect(sheets.requests.length - before).toBeLessThanOrEqual(6);

    const grid = sheets.getSheet(ID, "Leads SP");
    grid[2]![2] = "B-editado";
    sheets.setSheet(ID, "Leads SP", 7, grid);
    const edited = await sync({
      source: URL_SPEC,
      mapping,
      connection: env.connection,
      env: google,
      cwd: env.dir,
      ...FAST,
    });
    expect(edited.requests.byAction).toEqual({ chat_update_custom_fields: 1 });
    expect(env.mock.state().chats.find((c) => c.number === "5511911110002")?.fields.field__Etapa).toBe("B-editado");
  });

  it("CLI: a sheet URL works end to end; an unshared sheet is exit 2 with a hint and no token in the output", async () => {
    const google = await setup(
      [
        ["Telefone", "Nome", "Etapa"],
        ["11911110001", "A", "a"],
      ],
      { existingChats: ["5511911110001"] },
    );
    const mapping = env.mapping("m.json", MAPPING);
    const ok = await runCliInProcess(["sync", "--source", URL_SPEC, "--mapping", mapping, "--json", "--rate", "0"], {
      env: { ...env.env, ...google },
      cwd: env.dir,
    });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).counts.updated).toBe(1);
    expect(sheets.getSheet(ID, "Leads SP")[1]![3]).toBe("updated");

    sheets.failNext(403, 1);
    const denied = await runCliInProcess(["sync", "--source", URL_SPEC, "--mapping", mapping, "--json"], {
      env: { ...env.env, ...google },
      cwd: env.dir,
    });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/share/i);
    expect(denied.stdout + denied.stderr).not.toContain(sheets.token);
  });
  it("an invalid row sharing its number with a later valid row keeps its own error; the valid row gets its result", async () => {
    const google = await setup(
      [
        ["Telefone", "Nome", "Nascimento"],
        ["11911110001", "A", "31/02/abc"],
        ["(11) 91111-0001", "A de novo", "01/02/1990"],
      ],
      { existingChats: ["5511911110001"] },
    );
    const mapping = env.mapping("m.json", {
      phone: "Telefone",
      custom_fields: { Email: { column: "Nascimento", transform: ["date:DD/MM/YYYY->YYYY-MM-DD"] } },
    });
    const report = await sync({
      source: URL_SPEC,
      mapping,
      connection: env.connection,
      env: google,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts).toMatchObject({ invalid: 1, updated: 1 });
    const grid = sheets.getSheet(ID, "Leads SP");
    expect(grid[1]![3]).toBe("invalid");
    expect(grid[1]![6]).toMatch(/ROW_VALUE_INVALID/);
    expect(grid[2]![3]).toBe("updated");
    expect(env.mock.state().chats[0]!.fields.field__Email).toBe("1990-02-01");
  });

  it("a mapping that sends messages gets chatguru_message_id and chatguru_message_status in the sheet", async () => {
    const google = await setup([
      ["Telefone", "Nome"],
      ["11911110001", "Ana"],
      ["11911110002", "Bia"],
    ]);
    const mapping = env.mapping("m.json", { phone: "Telefone", name: "Nome", message: { text: "Nome" } });
    const report = await sync({
      source: URL_SPEC,
      mapping,
      connection: env.connection,
      env: google,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts).toMatchObject({ created: 2 });
    const grid = sheets.getSheet(ID, "Leads SP");
    const at = (name: string) => grid[0]!.indexOf(name);
    expect(at("chatguru_message_id")).toBeGreaterThan(0);
    expect(at("chatguru_message_status")).toBeGreaterThan(0);
    const ids = env.mock.state().chats.flatMap((c) => c.sentMessages.filter((m) => m.via === "message_send"));
    expect(ids).toHaveLength(2);
    expect([grid[1]![at("chatguru_message_id")], grid[2]![at("chatguru_message_id")]].sort()).toEqual(
      ids.map((m) => m.id).sort(),
    );
    expect(grid[1]![at("chatguru_message_status")]).toBe("scheduled");
  });
});
