import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SourceRow } from "../../../src/core/source-row.js";
import { guardedXml, type PartGuardOptions } from "../../../src/sources/xlsx-part-guard.js";
import { createXlsxSource } from "../../../src/sources/xlsx-source.js";
import { repoRoot } from "../../helpers/cli.js";

const FIXTURE = join(repoRoot, "fixtures", "xlsx", "no-cell-refs.xlsx");

async function text(chunks: Array<string | Buffer>, options: Partial<PartGuardOptions> = {}): Promise<string> {
  let out = "";
  const source = (async function* () {
    yield* chunks;
  })();
  for await (const piece of guardedXml(source, { label: "w.xlsx", part: "worksheet", ...options })) out += piece;
  return out;
}

async function readAll(path: string) {
  const opened = await createXlsxSource(path).open();
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { headers: opened.headers, rows };
}

describe("cells and rows without the optional r attribute", () => {
  it("the fixture reads as Excel shows it: rows follow rows, cells follow cells, r jumps", async () => {
    const { headers, rows } = await readAll(FIXTURE);
    expect(headers).toEqual(["Nome", "Telefone", "Etapa"]);
    expect(rows.map((r) => [r.rowNumber, { ...r.values }])).toEqual([
      [2, { Nome: "Ana", Telefone: "5511987650001", Etapa: "novo" }],
      [3, { Nome: "Bia", Telefone: "5511987650002", Etapa: "" }],
      [6, { Nome: "Caio", Telefone: "", Etapa: "lead" }],
      [7, { Nome: "Duda", Telefone: "+55 11 98765-0004", Etapa: "lead" }],
    ]);
  });

  it("references are filled across chunk boundaries; self-closing rows, <col> and existing r are left alone", async () => {
    const xml =
      '<cols><col min="1" max="2"/></cols><sheetData><row><c t="s"><v>0</v></c><c s="1"/></row>' +
      '<row r="4" spans="1:3"/><row><c r="B5"><v>1</v></c><c><v>2</v></c></row><row ht="15"><c><v>é</v></c></row></sheetData>';
    const bytes = Buffer.from(xml);
    // Cuts inside tags, inside an attribute, and between the two bytes of "é".
    const cuts = [3, 25, 31, 60, 61, bytes.length - 27];
    expect(bytes.subarray(bytes.length - 28, bytes.length - 26).toString()).toBe("é");
    const chunks = cuts.map((cut, i) => bytes.subarray(i === 0 ? 0 : cuts[i - 1], cut));
    chunks.push(bytes.subarray(cuts[cuts.length - 1]));
    expect(await text(chunks)).toBe(
      '<cols><col min="1" max="2"/></cols><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/></row>' +
        '<row r="4" spans="1:3"/><row r="5"><c r="B5"><v>1</v></c><c r="C5"><v>2</v></c></row><row r="6" ht="15"><c r="A6"><v>é</v></c></row></sheetData>',
    );
  });

  it("a chunk whose tags all carry r still tells where the next chunk's tags without r are", async () => {
    const out = await text([
      '<row r="3" spans="1:9"><c r="D3"><v>1</v></c>',
      "<c><v>2</v></c></row><row><c><v>3</v></c></row>",
    ]);
    expect(out).toBe(
      '<row r="3" spans="1:9"><c r="D3"><v>1</v></c><c r="E3"><v>2</v></c></row><row r="4"><c r="A4"><v>3</v></c></row>',
    );
  });
});

describe("a huge cell is refused as soon as it passes the cap", () => {
  it("guardedXml stops at the first text run over the cap, naming the row", async () => {
    const xml = `<sheetData><row><c t="inlineStr"><is><t>${"x".repeat(50)}</t></is></c></row></sheetData>`;
    await expect(text([xml.slice(0, 40), xml.slice(40)], { maxText: 40 })).rejects.toMatchObject({
      code: "SOURCE_XLSX_UNREADABLE",
      message: expect.stringContaining("w.xlsx: row 1 has a cell longer than"),
    });
    await expect(text([xml], { maxText: 60 })).resolves.toContain("x".repeat(50));
  });
});
