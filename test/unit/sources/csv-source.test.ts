import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createCsvSource, type CsvSourceOptions } from "../../../src/sources/csv-source.js";
import type { SourceRow } from "../../../src/core/source-row.js";
import { repoRoot } from "../../helpers/cli.js";
import { rejectsWithExitCode, withExitCode } from "../../helpers/exit-code.js";

const fixture = (name: string) => join(repoRoot, "fixtures", "csv", name);
const dir = mkdtempSync(join(tmpdir(), "cgs-csv-"));
let counter = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${counter++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, options?: CsvSourceOptions) {
  const opened = await createCsvSource(path, options).open();
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { headers: opened.headers, format: opened.format, rows };
}

describe("createCsvSource", () => {
  it("describes itself: kind csv, absolute id and path, file name as label", () => {
    const source = createCsvSource("fixtures/contacts.csv");
    expect(source.kind).toBe("csv");
    expect(source.id).toBe(join(process.cwd(), "fixtures/contacts.csv"));
    expect(source.path).toBe(source.id);
    expect(source.label).toBe("contacts.csv");
    expect(createCsvSource("-").id).toBe("-");
  });

  it("Excel-BR export: Windows-1252 bytes, ';', CRLF, a quoted ';', an all-empty row skipped", async () => {
    const { headers, format, rows } = await readAll(fixture("excel-br.csv"));
    expect(format).toEqual({ delimiter: ";", encoding: "windows-1252", headerRow: 1, bom: false, sepLine: false });
    expect(headers).toEqual(["Telefone", "Nome", "Cidade", "Etapa", "Observações"]);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows[0]!.values).toEqual({
      Telefone: "+55 (11) 98765-4321",
      Nome: "JOÃO DA SILVA",
      Cidade: "São Paulo",
      Etapa: "Proposta",
      Observações: "Cliente desde 2019",
    });
    expect(rows[1]!.values.Nome).toBe("Maria da Conceição");
    expect(rows[2]!.values).toMatchObject({ Nome: "Ávila Çelik", Observações: "Prefere; WhatsApp" });
    expect(rows.every((r) => r.problems === undefined)).toBe(true);
  });

  it("UTF-8 with BOM and ',': the BOM is not part of the first header", async () => {
    const { headers, format, rows } = await readAll(fixture("utf8-bom-comma.csv"));
    expect(format).toEqual({ delimiter: ",", encoding: "utf-8", headerRow: 1, bom: true, sepLine: false });
    expect(headers).toEqual(["Telefone", "Nome", "Cidade"]);
    expect(rows.map((r) => r.values)).toEqual([
      { Telefone: "+55 21 99876-1234", Nome: "Conceição Ávila", Cidade: "Niterói" },
      { Telefone: "21 3555-7788", Nome: "Sousa, Pedro", Cidade: "Rio de Janeiro" },
    ]);
  });

  it("quoted values with line breaks stay one row: rowNumber is the spreadsheet row, not the file line", async () => {
    const { rows } = await readAll(fixture("quoted-newlines.csv"));
    expect(rows.map((r) => [r.rowNumber, r.values.Nome, r.values.Observações])).toEqual([
      [2, "Ana", "linha 1\r\nlinha 2"],
      [3, "Bruno", 'aspas "duplas", vírgula'],
      [4, "Carla\nMenezes", "sem nota"],
      [5, "Diego", ""],
    ]);
  });

  it("ragged rows: short rows padded, empty extra cells ignored, non-empty extra cells a row problem; blank lines counted", async () => {
    const { headers, rows } = await readAll(fixture("ragged.csv"));
    expect(headers).toEqual(["Telefone", "Nome", "Cidade"]);
    expect(rows.map((r) => [r.rowNumber, r.values.Nome, r.values.Cidade, r.problems?.[0]?.code])).toEqual([
      [2, "Curta", "", undefined],
      [3, "Normal", "Santos", undefined],
      [4, "Vazias no fim", "Santos", undefined],
      [5, "Longa", "Santos", "ROW_TOO_MANY_COLUMNS"],
      [7, "Depois da linha em branco", "Osasco", undefined],
    ]);
    expect(rows[3]!.problems).toEqual([
      {
        row: 5,
        code: "ROW_TOO_MANY_COLUMNS",
        message:
          'the row has 4 cells but the header has 3 columns (extra value "extra" in column D); check for an unquoted ";" in a value',
      },
    ]);
  });

  it("tab-separated files are sniffed; --delimiter and --encoding override", async () => {
    expect((await readAll(file("Telefone\tNome\n11987654321\tAna\n"))).format).toEqual({
      delimiter: "\t",
      encoding: "utf-8",
      headerRow: 1,
      bom: false,
      sepLine: false,
    });
    const semicolonsInside = file("Nome;Apelido,Telefone\nAna;Aninha,11987654321\n");
    // One ";" against one ",": a tie goes to ";" (Excel-BR's separator).
    expect((await readAll(semicolonsInside)).headers).toEqual(["Nome", "Apelido,Telefone"]);
    expect((await readAll(semicolonsInside, { delimiter: "," })).headers).toEqual(["Nome;Apelido", "Telefone"]);
    expect((await readAll(file("a\tb\n1\t2\n"), { delimiter: "tab" })).headers).toEqual(["a", "b"]);
    const latin1 = await readAll(fixture("excel-br.csv"), { encoding: "latin1" });
    expect(latin1.format?.encoding).toBe("latin1");
    expect(latin1.rows[0]!.values.Nome).toBe("JOÃO DA SILVA");
  });

  it("a UTF-8 character cut at the sniffing boundary (64 KB) is still UTF-8", async () => {
    // "ç" (2 bytes) straddles the end of the sample: strict decoding of the sample alone would call it invalid.
    const padded = Buffer.concat([
      Buffer.from("Nome,Cidade\n"),
      Buffer.from("a".repeat(65_536 - 12 - 1)),
      Buffer.from("ç,São Paulo\n"),
    ]);
    expect(padded[65_535]).toBe(0xc3);
    const { format, rows } = await readAll(file(padded));
    expect(format?.encoding).toBe("utf-8");
    expect(rows[0]!.values.Cidade).toBe("São Paulo");
  });

  it("reads stdin with '-'", async () => {
    const stdin = Readable.from([Buffer.from("Telefone;Nome\r\n11987654321;"), Buffer.from("Ana\r\n")]);
    const { headers, rows } = await readAll("-", { stdin });
    expect(headers).toEqual(["Telefone", "Nome"]);
    expect(rows).toEqual([{ rowNumber: 2, values: { Telefone: "11987654321", Nome: "Ana" } }]);
  });

  it.each([
    ["Telefone,,Cidade\n1,2,3\n", "SOURCE_HEADER_EMPTY", /header column 2 \(B\) has no name/],
    [
      "Telefone,Nome,Telefone\n1,2,3\n",
      "SOURCE_HEADER_DUPLICATE",
      /header "Telefone" appears twice, in column 1 \(A\) and column 3 \(C\)/,
    ],
    [" Nome , Nome\n", "SOURCE_HEADER_DUPLICATE", /header "Nome" appears twice/],
    ["", "SOURCE_EMPTY", /is empty/],
    ["\r\n\r\n  \n", "SOURCE_EMPTY", /is empty/],
    [",,,\n", "SOURCE_EMPTY", /is empty|no header/],
    [
      'Telefone,Nome\n1,"Ana\n2,Bruno\n',
      "SOURCE_CSV_PARSE",
      /CSV syntax error near line 3: a quoted value that starts in row 2 is never closed/,
    ],
  ])("bad input %j → ConfigError %s (exit 2)", async (content, code, message) => {
    const error = await readAll(file(content)).catch((e: unknown) => e);
    expect(withExitCode(error)).toMatchObject({ name: "ConfigError", code, exitCode: 2 });
    expect((error as Error).message).toMatch(message);
  });

  it("a missing file is SOURCE_NOT_FOUND; an unknown encoding is SOURCE_ENCODING_UNKNOWN before any I/O", async () => {
    await expect(rejectsWithExitCode(readAll(join(dir, "nope.csv")))).rejects.toMatchObject({
      code: "SOURCE_NOT_FOUND",
      exitCode: 2,
    });
    expect(() => createCsvSource("x.csv", { encoding: "klingon" })).toThrow(
      expect.objectContaining({ code: "SOURCE_ENCODING_UNKNOWN" }),
    );
    expect(() => createCsvSource("x.csv", { delimiter: "ab" })).toThrow(
      expect.objectContaining({ code: "SOURCE_DELIMITER_INVALID" }),
    );
  });

  it("close() mid-way releases the file and is safe to call twice; breaking out of the loop closes too", async () => {
    const big = file("Telefone,Nome\n" + "11987654321,Ana\n".repeat(50_000));
    const opened = await createCsvSource(big).open();
    let n = 0;
    for await (const _ of opened.rows) if (++n === 3) break;
    expect(n).toBe(3);
    await opened.close();
    await opened.close();
  });
});
