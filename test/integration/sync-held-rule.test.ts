import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sync } from "../../src/sync.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
let sheets: FakeSheetsServer | undefined;
afterEach(async () => {
  await env?.close();
  await sheets?.close();
  sheets = undefined;
});

const number = (i: number) => `5511977${String(600001 + i)}`;
const MAPPING = {
  phone: "Telefone",
  name: "Nome",
  custom_fields: { Etapa: { value: "lead" } },
  message: { text: { template: "Fatura de {{Mes}}" } },
};
const sent = () => env.mock.state().requests.byAction.message_send ?? 0;

function leads(mes: string, rows = 4): string {
  const lines = ["Telefone,Nome,Mes"];
  for (let i = 0; i < rows; i++) lines.push(`${number(i)},P${i},${mes}`);
  return `${lines.join("\n")}\n`;
}

describe("the held rule (sync())", () => {
  it("a journal lost while what runs learnt remains: refused, then --new-journal holds every run after, results gone", async () => {
    env = await createSyncEnv({ existingChats: [number(0), number(1), number(2)], addDelayMs: 0 });
    const source = env.csv("l.csv", leads("maio"));
    const mapping = env.mapping("m.json", MAPPING);
    const first = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(first.counts).toMatchObject({ updated: 3, created: 1 });
    expect(sent()).toBe(4);

    // The journal and the results are deleted; what the runs learnt stays beside where the journal was.
    const stateDir = join(env.dir, ".chatguru-sync");
    const journal = readdirSync(stateDir).find((f) => f.endsWith(".ndjson"))!;
    expect(existsSync(join(stateDir, `${journal}.learnt.json`))).toBe(true);
    rmSync(join(stateDir, journal));
    rmSync(join(env.dir, "l.results.csv"));
    env.csv("l.csv", leads("junho"));
    await expect(sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST })).rejects.toMatchObject({
      code: "STATE_LOST",
    });
    expect(sent()).toBe(4);
    const warnings: string[] = [];
    const lost = await sync({
      source,
      mapping,
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      newJournal: true,
      onEvent: (e) => void (e.type === "warning" && warnings.push(e.message)),
    });
    expect(warnings.join("\n")).toMatch(/started a new journal in its place .*held until you check them/);
    expect(lost.counts).toMatchObject({ pending: 4 });
    expect(sent()).toBe(4);
    // Interrupted or not, the next run judges alike: the mark is in the new journal's header.
    const again = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(again.counts).toMatchObject({ pending: 4 });
    expect(again.requests.total).toBe(0);
    const released = await sync({
      source,
      mapping,
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      releaseHeld: [2, 3],
    });
    expect(released.counts).toMatchObject({ updated: 2, pending: 2 });
    expect(sent()).toBe(6);
  });

  it("a Google Sheet that carries this tool's write-back holds those rows on a new journal; a new row sends", async () => {
    env = await createSyncEnv({ existingChats: [number(0), number(1), number(2)] });
    sheets = await startFakeSheetsServer();
    const ID = "1HeldRuleSheetAbCdEfGhIjKlMnOpQrStUvWxYz0123";
    sheets.setSheet(ID, "Leads", 0, [
      ["Telefone", "Nome", "Mes", "chatguru_status", "chatguru_synced_at", "chatguru_message_id"],
      [number(0), "P0", "junho", "updated", "2026-05-02T10:00:00-03:00", "m-0"],
      [number(1), "P1", "junho", "", "", "m-1"],
      [number(2), "P2", "junho", "", "", ""],
      [number(3), "P3", "junho", "invalid", "", ""],
    ]);
    const report = await sync({
      source: `sheets:${ID}`,
      sheet: "Leads",
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      env: { SHEETS_API_URL: sheets.url, GOOGLE_ACCESS_TOKEN: sheets.token },
      cwd: env.dir,
      ...FAST,
    });
    const grid = sheets.getSheet(ID, "Leads");
    const status = grid.slice(1).map((row) => row[3]);
    // Rows 2 and 3 were synced by a run whose journal is not this one: held. Row 4 has no write-back: a first run
    // sends to its existing chat. Row 5's `invalid` never reached ChatGuru: no evidence, its new chat gets it.
    expect(status).toEqual(["pending", "pending", "updated", "created"]);
    expect(report.counts).toMatchObject({ pending: 2, updated: 1, created: 1 });
    const to = env.mock.state().chats.filter((c) => c.sentMessages.some((m) => m.via === "message_send"));
    expect(to.map((c) => c.number).sort()).toEqual([number(2), number(3)]);
  });
});
