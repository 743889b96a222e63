import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SourceRow } from "../../../src/core/source-row.js";
import { createXlsxSource } from "../../../src/sources/xlsx-source.js";
import { CellXmlText } from "../../../src/sources/xlsx-xml-text.js";
import { runCliInProcess } from "../../helpers/cli.js";
import { writeXlsxParts, type XlsxParts } from "../../helpers/xlsx-parts.js";

const dir = mkdtempSync(join(tmpdir(), "cgs-xlsx-shown-"));
let n = 0;

async function rowsOf(parts: XlsxParts): Promise<{ rows: SourceRow[]; warnings: string[] }> {
  const path = await writeXlsxParts(join(dir, `book-${n++}.xlsx`), parts);
  const warnings: string[] = [];
  const opened = await createXlsxSource(path, { onWarning: (m) => warnings.push(m) }).open();
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { rows, warnings };
}

const s = (i: number, ref: string, style = "") => `<c r="${ref}" t="s"${style}><v>${i}</v></c>`;

describe("workbook values as LibreOffice shows them", () => {
  it("gnumeric's indentation between tags is not part of any value (shared and inline strings)", async () => {
    const { rows } = await rowsOf({
      pretty: true,
      strings:
        "<si><t>Telefone</t></si><si><t>Cidade</t></si><si><t>Nome</t></si>" +
        "<si><t>Florianópolis</t></si>" +
        // A rich-text name: the space is its own run and must stay between the words.
        '<si><r><t>Maria</t></r><r><t xml:space="preserve"> </t></r><r><rPr><b/></rPr><t>Silva</t></r></si>',
      sheet:
        `<row r="1">${s(0, "A1")}${s(1, "B1")}${s(2, "C1")}</row>` +
        `<row r="2"><c r="A2"><v>5511987654321</v></c>${s(3, "B2")}${s(4, "C2")}</row>` +
        '<row r="3"><c r="A3"><v>5511987654322</v></c><c r="B3" t="inlineStr"><is><t>São José</t></is></c>' +
        '<c r="C3" t="str"><f>"Ana"</f><v>Ana</v></c></row>',
    });
    expect(rows.map((r) => r.values)).toEqual([
      { Telefone: "5511987654321", Cidade: "Florianópolis", Nome: "Maria Silva" },
      { Telefone: "5511987654322", Cidade: "São José", Nome: "Ana" },
    ]);
  });

  it('a value\'s own spaces: kept under xml:space="preserve", trimmed without it (as Excel shows the cell)', async () => {
    const { rows } = await rowsOf({
      strings:
        '<si><t>Tel</t></si><si><t>A</t></si><si><t xml:space="preserve">  dois espaços  </t></si>' +
        "<si><t>\n   Curitiba \n</t></si>",
      sheet:
        `<row r="1">${s(0, "A1")}${s(1, "B1")}</row>` +
        `<row r="2"><c r="A2"><v>5511987654321</v></c>${s(2, "B2")}</row>` +
        `<row r="3"><c r="A3"><v>5511987654322</v></c>${s(3, "B3")}</row>`,
    });
    expect(rows.map((r) => r.values.A)).toEqual(["  dois espaços  ", "Curitiba"]);
  });

  it("a formula whose cached result is 0 shows 0 in its format, not an empty cell", async () => {
    const { rows, warnings } = await rowsOf({
      numFmts: { 164: '"R$" #,##0.00' },
      strings: "<si><t>Tel</t></si><si><t>Saldo</t></si><si><t>Pontos</t></si>",
      sheet:
        `<row r="1">${s(0, "A1")}${s(1, "B1")}${s(2, "C1")}</row>` +
        '<row r="2"><c r="A2"><v>5511987654321</v></c><c r="B2" s="1"><f>C9*0</f><v>0</v></c>' +
        '<c r="C2"><f>B2</f><v>0</v></c></row>',
    });
    expect(rows[0]!.values).toEqual({ Tel: "5511987654321", Saldo: "R$ 0,00", Pontos: "0" });
    expect(warnings).toEqual([]);
  });

  it("formulas without a cached value (openpyxl, pandas) are empty and warned about once, naming the column", async () => {
    const { rows, warnings } = await rowsOf({
      strings: "<si><t>Tel</t></si><si><t>Total</t></si>",
      sheet:
        `<row r="1">${s(0, "A1")}${s(1, "B1")}</row>` +
        '<row r="2"><c r="A2"><v>5511987654321</v></c><c r="B2"><f>SUM(C2:D2)</f></c></row>' +
        '<row r="3"><c r="A3"><v>5511987654322</v></c><c r="B3"><f>SUM(C3:D3)</f><v></v></c></row>' +
        '<row r="4"><c r="A4"><v>5511987654323</v></c><c r="B4"><f>SUM(C4:D4)</f></c></row>',
    });
    expect(rows.map((r) => r.values.Total)).toEqual(["", "", ""]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/column "Total" has formulas with no saved result/);
    expect(warnings[0]).toMatch(/open it in Excel or LibreOffice, save it/);
  });
});

describe("uncalculated formulas on the command line", () => {
  it("validate and sync --dry-run print the warning once, naming the column", async () => {
    const rows = Array.from(
      { length: 5 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>551198765432${i}</v></c><c r="B${i + 2}"><f>1+1</f></c></row>`,
    );
    const book = await writeXlsxParts(join(dir, "pandas.xlsx"), {
      strings: "<si><t>Telefone</t></si><si><t>Total</t></si>",
      sheet: `<row r="1">${s(0, "A1")}${s(1, "B1")}</row>${rows.join("")}`,
    });
    const mapping = join(dir, "total.json");
    writeFileSync(mapping, JSON.stringify({ phone: "Telefone", custom_fields: { Total: "Total" } }));
    for (const args of [["validate"], ["sync", "--dry-run"]]) {
      const run = await runCliInProcess([...args, "--source", book, "--mapping", mapping], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr.match(/warning: .*column "Total" has formulas with no saved result/g)).toHaveLength(1);
    }
  });
});

describe("CellXmlText", () => {
  it("decodes a character split between two chunks (exceljs decoded each chunk alone: two U+FFFD)", () => {
    const bytes = Buffer.from("<si><t>Florianópolis</t></si>");
    const cut = bytes.indexOf(0xb3); // the second byte of "ó"
    const text = new CellXmlText();
    expect(text.push(bytes.subarray(0, cut)) + text.push(bytes.subarray(cut)) + text.end()).toBe(
      "<si><t>Florianópolis</t></si>",
    );
  });

  it("gives the same text wherever the chunks are cut (the quick pass for untouched chunks keeps the state)", () => {
    const xml =
      '<?xml version="1.0"?><sst><si><t>\n Curitiba \n</t></si><si><r><t xml:space="preserve"> x</t></r></si>' +
      "<si><t>São Paulo</t></si><si><t>Ana</t></si></sst>";
    const expected =
      '<?xml version="1.0"?><sst><si><t>Curitiba</t></si><si><r><t xml:space="preserve"> x</t></r></si>' +
      "<si><t>São Paulo</t></si><si><t>Ana</t></si></sst>";
    for (let cut = 1; cut < xml.length; cut++) {
      const text = new CellXmlText();
      expect(text.push(xml.slice(0, cut)) + text.push(xml.slice(cut)) + text.end(), `cut at ${cut}`).toBe(expected);
    }
  });

  it("keeps markup whole when a chunk ends inside a tag or an attribute holding >", () => {
    const xml = '<row r="1">\n  <c r="A1" x="a>b"><v>1</v>\n</c>\n</row>';
    for (let cut = 1; cut < xml.length; cut++) {
      const text = new CellXmlText();
      expect(text.push(xml.slice(0, cut)) + text.push(xml.slice(cut)) + text.end(), `cut at ${cut}`).toBe(
        '<row r="1"><c r="A1" x="a>b"><v>1</v></c></row>',
      );
    }
  });
});
