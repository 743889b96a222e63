import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCsvSource, type CsvSourceOptions } from "../../../src/sources/csv-source.js";
import { createSource, type SourceOptions } from "../../../src/sources/create-source.js";
import type { SourceRow } from "../../../src/core/source-row.js";
import { repoRoot } from "../../helpers/cli.js";
import { throwsWithExitCode, withExitCode } from "../../helpers/exit-code.js";

const fixture = (name: string) => join(repoRoot, "fixtures", "csv", name);
const dir = mkdtempSync(join(tmpdir(), "cgs-csvtext-"));
let counter = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${counter++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function drain(opened: Awaited<ReturnType<ReturnType<typeof createCsvSource>["open"]>>) {
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { headers: opened.headers, format: opened.format, rows };
}
const readAll = async (path: string, options?: CsvSourceOptions) => drain(await createCsvSource(path, options).open());
const readSpec = async (spec: string, options?: SourceOptions) => drain(await createSource(spec, options).open());
const openError = (path: string, options?: CsvSourceOptions) =>
  createCsvSource(path, options)
    .open()
    .then(
      () => {
        throw new Error("expected open() to fail");
      },
      (e: unknown) => e as Error & { code: string; exitCode: number; context: Record<string, unknown> },
    );

const UTF16_ROWS = [
  { Nome: "João da Silva", Telefone: "+55 11 98765-4321", Cidade: "São Paulo" },
  { Nome: "Maria Conceição", Telefone: "(21) 99876-1234", Cidade: "Niterói" },
  { Nome: "Ávila, Çelik", Telefone: "11 3555-7788", Cidade: "Santos" },
];

describe("what Excel and LibreOffice write", () => {
  it.each([
    ["utf16le-tab.txt", "utf-16le"],
    ["utf16be-tab.csv", "utf-16be"],
  ])(
    "UTF-16 with BOM, tab-separated, CRLF (%s, Excel 'Texto Unicode') reads as text, not 'ÿþN o m e'",
    async (name, encoding) => {
      const { headers, format, rows } = await readSpec(fixture(name));
      expect(format).toEqual({ delimiter: "\t", encoding, headerRow: 1, bom: true, sepLine: false });
      expect(headers).toEqual(["Nome", "Telefone", "Cidade"]);
      expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
      expect(rows.map((r) => r.values)).toEqual(UTF16_ROWS);
    },
  );

  it("mixed line endings (a CRLF header over LF rows: a file edited in two programs) read as one row per line", async () => {
    const { headers, rows } = await readSpec(fixture("mixed-line-endings.csv"));
    expect(headers).toEqual(["Telefone", "Nome", "Etapa"]);
    expect(rows.map((r) => [r.rowNumber, r.values.Nome])).toEqual([
      [2, "Ana"],
      [3, "Bia"],
      [4, "Caio"],
      [5, "Duda"],
      [6, "Edu"],
    ]);
    expect(rows.every((r) => r.problems === undefined)).toBe(true);
    // Old Mac line ends mixed in, and a quoted cell whose own line break stays inside it.
    const mac = await readAll(file('a,b\r1,2\n3,"x\r\ny"\r\n5,6\r'));
    expect(mac.rows.map((r) => r.values)).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "x\r\ny" },
      { a: "5", b: "6" },
    ]);
  });

  it("UTF-16 read from stdin the same way; --encoding utf-16 names it too", async () => {
    const { Readable } = await import("node:stream");
    const bytes = (await import("node:fs")).readFileSync(fixture("utf16le-tab.txt"));
    const stdin = Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]);
    expect((await readAll("-", { stdin })).rows.map((r) => r.values)).toEqual(UTF16_ROWS);
    const named = await readAll(fixture("utf16le-tab.txt"), { encoding: "Unicode" });
    expect(named.format?.encoding).toBe("utf-16");
    expect(named.rows.map((r) => r.values)).toEqual(UTF16_ROWS);
  });

  it("a first line sep=; sets the delimiter and is not a row: the header is row 1 (Excel hides the sep line)", async () => {
    const { headers, format, rows } = await readSpec("fixtures/csv/sep-semicolon.csv", { cwd: repoRoot });
    expect(format).toEqual({ delimiter: ";", encoding: "windows-1252", headerRow: 1, bom: false, sepLine: true });
    expect(headers).toEqual(["Telefone", "Nome", "Cidade", "Observações"]);
    expect(rows.map((r) => [r.rowNumber, r.values.Nome, r.values.Observações])).toEqual([
      [2, "JOÃO DA SILVA", "Cliente desde 2019"],
      [3, "Maria da Conceição", "Prefere; WhatsApp"],
    ]);
  });

  it.each([
    ["sep=,\nNome;Apelido,Telefone\nAna;Aninha,1\n", ",", ["Nome;Apelido", "Telefone"]],
    ["sep=\t\r\nNome\tTelefone\r\nAna\t1\r\n", "\t", ["Nome", "Telefone"]],
    ["\uFEFFsep=;\nNome,Telefone;Cidade\nAna,1;Rio\n", ";", ["Nome,Telefone", "Cidade"]],
  ])("sep= line %j → delimiter %j (it wins over sniffing)", async (content, delimiter, headers) => {
    const read = await readAll(file(content));
    expect(read.format?.delimiter).toBe(delimiter);
    expect(read.format?.sepLine).toBe(true);
    expect(read.headers).toEqual(headers);
    expect(read.rows[0]!.rowNumber).toBe(2);
  });

  it("--delimiter wins over a sep= line, which is still not a row", async () => {
    const read = await readAll(file("sep=;\nNome,Telefone\nAna,1\n"), { delimiter: "," });
    expect(read.headers).toEqual(["Nome", "Telefone"]);
    expect(read.rows).toEqual([{ rowNumber: 2, values: { Nome: "Ana", Telefone: "1" } }]);
  });

  it("title rows without --header-row: a source error (exit 2) suggesting --header-row with the detected row", async () => {
    const error = await openError(fixture("title-rows.csv"));
    expect(withExitCode(error)).toMatchObject({ name: "ConfigError", code: "SOURCE_HEADER_TITLE", exitCode: 2 });
    expect(error.message).toContain('row 1 looks like a title ("Relatório de leads — nov/2026")');
    expect(error.message).toContain("pass --header-row 3");
    expect(error.context).toMatchObject({ row: 1, suggestedHeaderRow: 3 });
  });

  it("--header-row N: rows above are ignored, rowNumber stays the spreadsheet row (header N, data from N+1)", async () => {
    const { headers, format, rows } = await readSpec(fixture("title-rows.csv"), { headerRow: 3 });
    expect(format).toEqual({ delimiter: ";", encoding: "windows-1252", headerRow: 3, bom: false, sepLine: false });
    expect(headers).toEqual(["Telefone", "Nome", "Cidade"]);
    expect(rows.map((r) => [r.rowNumber, r.values.Nome])).toEqual([
      [4, "Ana Paula"],
      [6, "Bruno Araújo"],
    ]);
  });

  it("--header-row after a sep= line counts spreadsheet rows (the sep line is not one); the delimiter is sniffed on row N", async () => {
    const read = await readAll(file("Relatório\nTelefone,Nome\n1,Ana\n"), { headerRow: 2 });
    expect(read.format).toMatchObject({ delimiter: ",", headerRow: 2 });
    expect(read.rows).toEqual([{ rowNumber: 3, values: { Telefone: "1", Nome: "Ana" } }]);
    const sep = await readAll(file("sep=;\r\nTítulo\r\nTelefone;Nome\r\n1;Ana\r\n"), { headerRow: 2 });
    expect(sep.headers).toEqual(["Telefone", "Nome"]);
    expect(sep.rows).toEqual([{ rowNumber: 3, values: { Telefone: "1", Nome: "Ana" } }]);
  });

  it("a hand-typed title with no delimiter still gets the right suggestion; --header-row 1 keeps a one-column header", async () => {
    const error = await openError(file("Leads de novembro\n\nTelefone;Nome;Cidade\n1;Ana;Rio\n"));
    expect(error.code).toBe("SOURCE_HEADER_TITLE");
    expect(error.message).toContain("--header-row 3");
    const oneColumn = await readAll(file("Telefone\n11987654321\n11987654322\n"));
    expect(oneColumn.headers).toEqual(["Telefone"]);
    expect(oneColumn.rows).toHaveLength(2);
    const forced = await readAll(file("Nome\nSilva;Ana\n"), { headerRow: 1 });
    expect(forced.headers).toEqual(["Nome"]);
  });

  it("--header-row beyond the end, on a blank row, or not a whole number is a clear error", async () => {
    const short = await openError(file("a;b\n1;2\n"), { headerRow: 5 });
    expect(withExitCode(short)).toMatchObject({ code: "SOURCE_EMPTY", exitCode: 2 });
    expect(short.message).toContain("has 2 rows, so there is no header on row 5");
    const blank = await openError(file("Título\n\na;b\n"), { headerRow: 2 });
    expect(blank.code).toBe("SOURCE_EMPTY");
    expect(blank.message).toContain("row 2 must hold the column names");
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(throwsWithExitCode(() => createCsvSource("x.csv", { headerRow: bad }))).toThrow(
        expect.objectContaining({ code: "SOURCE_HEADER_ROW_INVALID", exitCode: 2 }),
      );
  });

  it("header errors name the cell on the header row", async () => {
    const error = await openError(file("Título\nTelefone;;Nome\n"), { headerRow: 2 });
    expect(error.code).toBe("SOURCE_HEADER_EMPTY");
    expect(error.message).toContain("header column 2 (B) has no name (cell B2)");
    // --header-row 2 on a file whose names are on row 1 (an errors file): the way out is said too.
    expect(error.message).toContain("leave --header-row out for row 1");
    const plain = await openError(file("Telefone;;Nome\n"));
    expect(plain.message).not.toContain("--header-row");
  });
});
