import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCliInProcess, spawnCli } from "../helpers/cli.js";

let dir: string;
const run = (args: string[]) => runCliInProcess(args, { cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cgs-srcflags-"));
  cpSync(join(repoRoot, "fixtures"), join(dir, "fixtures"), { recursive: true });
  writeFileSync(
    join(dir, "m.json"),
    JSON.stringify({ phone: "Telefone", name: "Nome", custom_fields: { Cidade: "Cidade" } }),
  );
  writeFileSync(join(dir, "mx.json"), JSON.stringify({ phone: "Telefone", name: "Nome" }));
});

describe("validate says how it read the source", () => {
  it("an Excel-BR export with title rows: --header-row 3, Windows-1252, ;", async () => {
    const r = await run([
      "validate",
      "--source",
      "fixtures/csv/title-rows.csv",
      "--mapping",
      "m.json",
      "--header-row",
      "3",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split("\n")[1]).toBe('  read title-rows.csv as Windows-1252, delimiter ";", header on row 3');
  });

  it("a sep=; first line and UTF-16 with BOM are named", async () => {
    const sep = await run(["validate", "--source", "fixtures/csv/sep-semicolon.csv", "--mapping", "m.json"]);
    expect(sep.stderr).toContain('delimiter ";", header on row 1 (a "sep=;" line set the delimiter)');
    const utf16 = await run(["validate", "--source", "fixtures/csv/utf16le-tab.txt", "--mapping", "m.json"]);
    expect(utf16.stderr).toContain(
      "read utf16le-tab.txt as UTF-16 LE (with byte-order mark), delimiter tab, header on row 1",
    );
  });

  it("the line comes also when the mapping does not fit the header (so a wrong guess is visible)", async () => {
    const r = await run([
      "validate",
      "--source",
      "fixtures/csv/title-rows.csv",
      "--mapping",
      "m.json",
      "--header-row",
      "2",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^read title-rows\.csv as Windows-1252, delimiter ";", header on row 2\nerror: Mapping/);
  });

  it("--json: stdout holds only the report; --quiet prints nothing", async () => {
    const args = ["validate", "--source", "fixtures/csv/excel-br.csv", "--mapping", "m.json", "--json", "--quiet"];
    const r = await run(args);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.stdout)).not.toHaveProperty("readAs");
    expect(r.stderr).toBe("");
  });

  it(".xlsx: --sheet picks the worksheet and --header-row skips the title rows; both are named", async () => {
    const sheet = await run([
      "validate",
      "--source",
      "fixtures/xlsx/leads.xlsx",
      "--sheet",
      "Outros",
      "--mapping",
      "m.json",
    ]);
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(sheet.stderr.split("\n")[1]).toBe('  read leads.xlsx, worksheet "Outros", header on row 1');
    const titled = await run([
      "validate",
      "--source",
      "fixtures/xlsx/leads-title.xlsx",
      "--mapping",
      "mx.json",
      "--header-row",
      "4",
    ]);
    expect(titled.stderr.split("\n")[1]).toBe('  read leads-title.xlsx, worksheet "Leads", header on row 4');
    expect(titled.stderr).toMatch(/Checked \d+ rows/);
  });

  it("--header-row 0 is exit 2 with the exact message", async () => {
    const r = await run([
      "validate",
      "--source",
      "fixtures/csv/excel-br.csv",
      "--mapping",
      "m.json",
      "--header-row",
      "0",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --header-row must be a whole number from 1 up, got "0".\n');
  });
});

describe("init reads with the same flags", () => {
  it("--header-row: the column names on row 3 make the mapping", async () => {
    const r = await run(["init", "--source", "fixtures/csv/title-rows.csv", "--header-row", "3", "--out", "t.json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('read title-rows.csv as Windows-1252, delimiter ";", header on row 3\n');
    expect(r.stderr).toContain('phone ← "Telefone"');
  });

  it("--sheet reaches an .xlsx source", async () => {
    const r = await run(["init", "--source", "fixtures/xlsx/leads.xlsx", "--sheet", "Outros", "--out", "x.json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('read leads.xlsx, worksheet "Outros", header on row 1');
    expect(r.stderr).toContain('"Cidade"');
  });

  it("--header-row abc is exit 2 with the exact message", async () => {
    const r = await run(["init", "--source", "fixtures/csv/title-rows.csv", "--header-row", "abc", "--out", "y.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --header-row must be a whole number from 1 up, got "abc".\n');
  });
});

describe("one language on a pt-BR machine", () => {
  const ptBR = { LANG: "pt_BR.UTF-8", LC_ALL: "pt_BR.UTF-8" };

  // The locale now chooses Portuguese for everything, yargs' own words included — never a mix of the two.
  it("--help is Portuguese throughout, and English throughout with --lang en", async () => {
    const r = await spawnCli(["sync", "--help"], { env: ptBR });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Opções:");
    expect(r.stdout).toContain("[obrigatório]");
    expect(r.stdout).not.toMatch(/Options:|\[required\]|Commands:|default:/);
    const en = await spawnCli(["sync", "--help", "--lang", "en"], { env: ptBR });
    expect(en.stdout).toContain("Options:");
    expect(en.stdout).toContain("[required]");
    expect(en.stdout).not.toMatch(/Opções|obrigatório|Comandos|padrão/);
  });

  it("a missing flag is reported in Portuguese", async () => {
    const r = await spawnCli(["validate", "--source", "x.csv"], { env: ptBR });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Falta a opção obrigatória: mapping");
    expect(r.stderr).not.toMatch(/Missing required|usage/);
  });
});
