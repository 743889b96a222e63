import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
/** A HubSpot-style export: `,`, 13-digit phones, a phone written so Excel would run it, a formula-like cell. */
const SOURCE = "Telefone,Nome,Etapa\r\n5511993863028,Ana,novo\r\n+55 (11) 99363-9779,Bia,=1+1\r\n12345,Caio,@lead\r\n";

/** Every cell of the first worksheet: [value, type] — a workbook's text cell is a string, never a number or formula. */
async function cells(path: string): Promise<Array<Array<string | undefined>>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const rows: Array<Array<string | undefined>> = [];
  book.worksheets[0]!.eachRow((row) => {
    const values: Array<string | undefined> = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      expect(typeof cell.value === "string" || cell.value === null, `${cell.address}: ${String(cell.value)}`).toBe(
        true,
      );
      values.push(cell.value === null ? undefined : String(cell.value));
    });
    rows.push(values);
  });
  return rows;
}

/** Every number already has its chat: no chat_add, so no run waits for ChatGuru's first add poll. */
const CHATS = { existingChats: ["5511993863028", "5511993639779", "5511912340002"] };

const run = (args: string[]) => runCliInProcess([...args, "--rate", "0"], { env: env.env, cwd: env.dir });

describe("what the tool writes opens right in Excel pt-BR", () => {
  it("a `,` CSV's results get a .results.xlsx twin named in the summary: columns split, phones as digits, no formula", async () => {
    env = await createSyncEnv(CHATS);
    const source = env.csv("leads.csv", SOURCE);
    const mapping = env.mapping("m.json", MAPPING);
    const r = await run(["sync", "--source", source, "--mapping", mapping]);
    expect(r.code).toBe(1);
    const twin = join(env.dir, "leads.results.xlsx");
    expect(r.stderr).toContain(`results: ${join(env.dir, "leads.results.csv")}\n  results for Excel: ${twin} `);
    const rows = await cells(twin);
    expect(rows[0]).toEqual([
      "Telefone",
      "Nome",
      "Etapa",
      "chatguru_status",
      "chatguru_chat_add_id",
      expect.anything(),
      expect.anything(),
      expect.anything(),
    ]);
    expect(rows[1]!.slice(0, 4)).toEqual(["5511993863028", "Ana", "novo", "updated"]);
    expect(rows[2]!.slice(0, 3)).toEqual(["+55 (11) 99363-9779", "Bia", "=1+1"]);
    expect(rows[2]![5]).toMatch(/^55119\d{8}$/);
    // The errors file has one too, and the CSVs show a formula-like cell as text (a leading quote).
    const errorsTwin = join(env.dir, "leads.errors.xlsx");
    expect(r.stderr).toContain(`errors for Excel: ${errorsTwin}`);
    expect((await cells(errorsTwin)).slice(1).map((row) => row.slice(0, 4))).toEqual([
      ["12345", "Caio", "@lead", "invalid"],
    ]);
    const csv = readFileSync(join(env.dir, "leads.results.csv"), "utf8");
    expect(csv).toContain("\r\n'+55 (11) 99363-9779,Bia,'=1+1,updated,");
    expect(csv).toContain("\r\n12345,Caio,'@lead,invalid,");
  });

  it("the files fed back read unchanged: the quote the CSV shows never reaches ChatGuru, nor the twin", async () => {
    env = await createSyncEnv(CHATS);
    const source = env.csv("leads.csv", SOURCE);
    const mapping = env.mapping("m.json", MAPPING);
    expect((await run(["sync", "--source", source, "--mapping", mapping])).code).toBe(1);
    const fields = () =>
      env.mock
        .state()
        .chats.map((c) => c.fields.field__Etapa)
        .sort();
    expect(fields()).toEqual(["=1+1", "novo", undefined]);
    // The results CSV fed back (every row unchanged): nothing resent, the values are the ones first read.
    const again = await run([
      "sync",
      "--source",
      join(env.dir, "leads.results.csv"),
      "--mapping",
      mapping,
      "--results",
      "again.csv",
      "--json",
    ]);
    expect(JSON.parse(again.stdout).counts).toMatchObject({ unchanged: 2, invalid: 1 });
    // The errors workbook fixed in Excel and fed back: "@lead" arrives as typed.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(env.dir, "leads.errors.xlsx"));
    book.worksheets[0]!.getCell("A2").value = "11912340002";
    await book.xlsx.writeFile(join(env.dir, "fixed.xlsx"));
    expect((await run(["sync", "--source", join(env.dir, "fixed.xlsx"), "--mapping", mapping])).code).toBe(0);
    expect(fields()).toEqual(["=1+1", "@lead", "novo"]);
  });

  it("the plan of a dry run has its twin; a run with nothing to fix takes the errors twin away", async () => {
    env = await createSyncEnv(CHATS);
    const source = env.csv("leads.csv", SOURCE);
    const mapping = env.mapping("m.json", MAPPING);
    const dry = await run(["sync", "--source", source, "--mapping", mapping, "--dry-run"]);
    const plan = join(env.dir, "leads.plan.xlsx");
    expect(dry.stderr).toContain(`plan for Excel: ${plan}`);
    expect((await cells(plan))[2]!.slice(0, 4)).toEqual(["+55 (11) 99363-9779", "Bia", "=1+1", "would-upsert"]);
    expect(existsSync(join(env.dir, "leads.results.xlsx"))).toBe(false);

    expect((await run(["sync", "--source", source, "--mapping", mapping])).code).toBe(1);
    expect(existsSync(join(env.dir, "leads.errors.xlsx"))).toBe(true);
    env.csv("leads.csv", SOURCE.replace("12345,", "11912340002,"));
    expect((await run(["sync", "--source", source, "--mapping", mapping])).code).toBe(0);
    expect(existsSync(join(env.dir, "leads.errors.csv"))).toBe(false);
    expect(existsSync(join(env.dir, "leads.errors.xlsx"))).toBe(false);
  });

  it("an unchanged re-run leaves the twin as it is (no workbook written when the CSV did not change)", async () => {
    env = await createSyncEnv(CHATS);
    const source = env.csv("leads.csv", SOURCE.replace("12345,", "11912340002,"));
    const mapping = env.mapping("m.json", MAPPING);
    const twin = join(env.dir, "leads.results.xlsx");
    expect((await run(["sync", "--source", source, "--mapping", mapping])).code).toBe(0);
    // The second run turns created/updated into unchanged: its CSV differs, its twin is rewritten.
    expect((await run(["sync", "--source", source, "--mapping", mapping])).code).toBe(0);
    const before = statSync(twin);
    expect((await run(["sync", "--source", source, "--mapping", mapping])).code).toBe(0);
    const after = statSync(twin);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect((await cells(twin))[1]![3]).toBe("unchanged");
  });
});
