import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { crc32 } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { SourceRow } from "../../../src/core/source-row.js";
import { createSource } from "../../../src/sources/create-source.js";
import { isOpenedXlsxSource } from "../../../src/sources/source.js";
import { createXlsxSource } from "../../../src/sources/xlsx-source.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/xlsx/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cgs-xlsx-src-"));

/** A one-file zip (stored, no compression): a real archive that holds no workbook. */
function storedZip(name: string, text: string): Buffer {
  const data = Buffer.from(text);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralAt = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

async function readAll(path: string, options = {}) {
  const opened = await createXlsxSource(path, options).open();
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { opened, rows };
}

async function workbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("xlsx source: the leads fixture", () => {
  it("reads the first worksheet with values as shown and worksheet row numbers", async () => {
    const { opened, rows } = await readAll(fixture("leads.xlsx"));
    expect(opened.headers).toEqual([
      "Nome",
      "Telefone",
      "Celular",
      "Nascimento",
      "Pontos",
      "Total",
      "Valor",
      "Site",
      "Observações",
      "Ativo",
    ]);
    expect(isOpenedXlsxSource(opened) && opened.sheetName).toBe("Leads");
    // Row 4 is empty in the sheet: skipped, but the numbers after it stay Excel's.
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 5, 6]);
    expect(rows[0]!.values).toEqual({
      Nome: "João da Silva",
      Telefone: "5511987654321",
      Celular: "11987654321",
      Nascimento: "15/03/1990",
      Pontos: "10",
      Total: "20",
      Valor: "1.234,50",
      Site: "joao.com.br",
      Observações: "Cliente desde 2019",
      Ativo: "TRUE",
    });
    expect(rows[1]!.values).toMatchObject({
      Nome: "Maria Conceição",
      Telefone: "21987654321",
      Celular: "",
      Nascimento: "01/12/1985",
      Total: "0,2",
      Valor: "0,30",
      Ativo: "FALSE",
    });
    expect(rows[2]!.values.Telefone).toBe("+55 (31) 98765-4321");
  });

  it("--sheet picks another worksheet; the state id names it", async () => {
    const source = createXlsxSource(fixture("leads.xlsx"), { sheet: "Outros" });
    expect(source.kind).toBe("xlsx");
    expect(source.id).toBe(`${fixture("leads.xlsx")}#Outros`);
    expect(createXlsxSource(fixture("leads.xlsx")).id).toBe(fixture("leads.xlsx"));
    const { opened, rows } = await readAll(fixture("leads.xlsx"), { sheet: "Outros" });
    expect(opened.headers).toEqual(["Nome", "Telefone", "Cidade"]);
    expect(rows).toEqual([
      { rowNumber: 2, values: { Nome: "Ana Paula", Telefone: "5548999887766", Cidade: "Florianópolis" } },
      { rowNumber: 3, values: { Nome: "Bruno", Telefone: "5571988776655", Cidade: "Salvador" } },
    ]);
  });

  it("an unknown --sheet is a ConfigError listing the worksheets", async () => {
    await expect(createXlsxSource(fixture("leads.xlsx"), { sheet: "leads " }).open()).rejects.toMatchObject({
      name: "ConfigError",
      code: "SOURCE_SHEET_NOT_FOUND",
      message: expect.stringContaining('no worksheet named "leads ". Its worksheets are: "Leads", "Outros"'),
    });
  });

  it("headerRow N: rows above are ignored and row numbers stay the worksheet's", async () => {
    const { opened, rows } = await readAll(fixture("leads-title.xlsx"), { headerRow: 4 });
    expect(opened.headers[0]).toBe("Nome");
    expect(rows.map((r) => r.rowNumber)).toEqual([5, 6, 8, 9]);
    expect(rows[0]!.values.Telefone).toBe("5511987654321");
    await expect(createXlsxSource(fixture("leads-title.xlsx"), { headerRow: 3 }).open()).rejects.toMatchObject({
      code: "SOURCE_HEADER_ROW_EMPTY",
      message: expect.stringContaining("row 3 (the header row) is empty"),
    });
    expect(() => createXlsxSource(fixture("leads.xlsx"), { headerRow: 0 })).toThrow(/Invalid header row 0/);
  });

  it("without headerRow, a title row above the table is named with the --header-row to pass", async () => {
    await expect(createXlsxSource(fixture("leads-title.xlsx")).open()).rejects.toMatchObject({
      code: "SOURCE_HEADER_TITLE",
      message: expect.stringMatching(/row 1 looks like a title \("Relatório de leads — março\/2026"\).*--header-row 4/),
    });
    // A one-column sheet is not a title: its rows read ahead are still data.
    const single = await workbook("single.xlsx", (wb) => {
      const ws = wb.addWorksheet("A");
      for (const v of ["Telefone", 11987654321, 21987654321]) ws.addRow([v]);
    });
    const { rows } = await readAll(single);
    expect(rows).toEqual([
      { rowNumber: 2, values: { Telefone: "11987654321" } },
      { rowNumber: 3, values: { Telefone: "21987654321" } },
    ]);
  });

  it("createSource picks it for .xlsx/.xlsm and passes sheet and headerRow", async () => {
    const source = createSource("fixtures/xlsx/leads-title.xlsx", {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      headerRow: 4,
    });
    expect(source.kind).toBe("xlsx");
    const opened = await source.open();
    const first = await opened.rows[Symbol.asyncIterator]().next();
    expect(first.value).toMatchObject({ rowNumber: 5 });
    await opened.close();
    expect(createSource(join(dir, "x.XLSM"), { sheet: "Aba" })).toMatchObject({
      kind: "xlsx",
      id: `${dir}/x.XLSM#Aba`,
    });
  });
});

describe("xlsx source: headers and odd sheets", () => {
  it("a duplicate or empty header name is the same error as for CSV", async () => {
    const dup = await workbook("dup.xlsx", (wb) => wb.addWorksheet("A").addRow(["Nome", "Telefone", "Nome"]));
    await expect(createXlsxSource(dup).open()).rejects.toMatchObject({
      code: "SOURCE_HEADER_DUPLICATE",
      message: expect.stringContaining('header "Nome" appears twice, in column 1 (A) and column 3 (C)'),
    });
    const gap = await workbook("gap.xlsx", (wb) => wb.addWorksheet("A").addRow(["Nome", null, "Telefone"]));
    await expect(createXlsxSource(gap).open()).rejects.toMatchObject({ code: "SOURCE_HEADER_EMPTY" });
  });

  it("numeric headers, trailing empty header cells, cells right of the header, leading empty rows", async () => {
    const path = await workbook("odd.xlsx", (wb) => {
      const ws = wb.addWorksheet("A");
      ws.getRow(3).values = ["Telefone", 2024, null];
      ws.getRow(4).values = [11987654321, "x", null, "nota solta"];
    });
    const { opened, rows } = await readAll(path);
    expect(opened.headers).toEqual(["Telefone", "2024"]);
    expect(rows).toEqual([{ rowNumber: 4, values: { Telefone: "11987654321", "2024": "x" } }]);
  });

  it("the first VISIBLE worksheet is the default; an empty worksheet is SOURCE_EMPTY", async () => {
    const path = await workbook("hidden.xlsx", (wb) => {
      wb.addWorksheet("Config", { state: "hidden" }).addRow(["segredo"]);
      wb.addWorksheet("Contatos").addRow(["Telefone"]);
      wb.addWorksheet("Vazia");
    });
    expect((await readAll(path)).opened.headers).toEqual(["Telefone"]);
    // exceljs's streaming reader now and then passes over an empty worksheet's part (seen once under CI load): then
    // the sheet is listed but unmatched, and the message says it may be empty.
    await expect(createXlsxSource(path, { sheet: "Vazia" }).open()).rejects.toMatchObject({
      code: expect.stringMatching(/^SOURCE_(EMPTY|XLSX_UNREADABLE)$/),
      message: expect.stringMatching(/Vazia|no header|no rows|empty/),
    });
  });

  it("streams: 20 000 rows arrive one by one in order", async () => {
    const path = join(dir, "big.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = writer.addWorksheet("Leads");
    ws.addRow(["Telefone", "Nome"]).commit();
    for (let i = 0; i < 20_000; i++) ws.addRow([5511900000000 + i, `Nome ${i}`]).commit();
    await writer.commit();
    let count = 0;
    let last: SourceRow | undefined;
    for await (const row of (await createXlsxSource(path).open()).rows) {
      count++;
      last = row;
    }
    expect(count).toBe(20_000);
    expect(last).toEqual({ rowNumber: 20_001, values: { Telefone: "5511900019999", Nome: "Nome 19999" } });
  });
});

/** A copy of a workbook with its parts edited, as other programs write them. */
async function rewritten(path: string, out: string, edit: (zip: JSZip) => Promise<unknown>): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  await edit(zip);
  const written = join(dir, out);
  // Deflated as openpyxl writes it (exceljs's streaming unzip intermittently drops entries of a stored zip).
  writeFileSync(written, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return written;
}

const editText = async (zip: JSZip, part: string, edit: (xml: string) => string) =>
  zip.file(part, edit(await zip.file(part)!.async("string")));
const RELS = "xl/_rels/workbook.xml.rels";
/** openpyxl and pandas name each part from the package root, where Excel writes it relative to xl/. */
const absoluteTargets = (xml: string) => xml.replace(/Target="([^"/][^"]*)"/g, 'Target="/xl/$1"');

describe("xlsx source: workbooks written by openpyxl/pandas (absolute relationship targets)", () => {
  const twoSheets = () =>
    workbook("two-sheets.xlsx", (wb) => {
      wb.addWorksheet("Leads").addRows([
        ["Telefone", "Nome"],
        ["11987654321", "Ana"],
      ]);
      wb.addWorksheet("Resumo").addRows([
        ["Total", "Mês"],
        ["1", "março"],
      ]);
    });

  it("reads the default worksheet and the one --sheet names", async () => {
    const path = await rewritten(await twoSheets(), "pandas.xlsx", (zip) => editText(zip, RELS, absoluteTargets));
    const first = await readAll(path);
    expect(isOpenedXlsxSource(first.opened) && first.opened.sheetName).toBe("Leads");
    expect(first.rows).toEqual([{ rowNumber: 2, values: { Telefone: "11987654321", Nome: "Ana" } }]);
    const other = await readAll(path, { sheet: "Resumo" });
    expect(isOpenedXlsxSource(other.opened) && other.opened.sheetName).toBe("Resumo");
    expect(other.rows).toEqual([{ rowNumber: 2, values: { Total: "1", Mês: "março" } }]);
  });

  it("a listed worksheet whose part cannot be matched is a structure problem, not a missing sheet", async () => {
    // A valid workbook whose second worksheet part is not named sheetN.xml, which the streaming reader never parses.
    const path = await rewritten(await twoSheets(), "unmatched.xlsx", async (zip) => {
      zip.file("xl/worksheets/resumo.xml", await zip.file("xl/worksheets/sheet2.xml")!.async("nodebuffer"));
      zip.remove("xl/worksheets/sheet2.xml");
      const rename = (xml: string) => xml.replace("worksheets/sheet2.xml", "worksheets/resumo.xml");
      for (const part of [RELS, "[Content_Types].xml"]) await editText(zip, part, rename);
    });
    await expect(createXlsxSource(path, { sheet: "Resumo" }).open()).rejects.toMatchObject({
      name: "ConfigError",
      code: "SOURCE_XLSX_UNREADABLE",
      message: expect.stringMatching(
        /unmatched\.xlsx lists a worksheet "Resumo".*it is empty, or.*could not be read.*save it again/,
      ),
    });
    expect((await readAll(path)).rows).toEqual([{ rowNumber: 2, values: { Telefone: "11987654321", Nome: "Ana" } }]);
  });
});

describe("xlsx source: files that are not a workbook", () => {
  const file = (name: string, content: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const ole2 = (extra: string) =>
    Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(600),
      Buffer.from(extra, "utf16le"),
    ]);

  it.each([
    ["old.xlsx", ole2("Workbook"), "SOURCE_XLS_OLD_FORMAT", /old Excel 97-2003 workbook \(\.xls\).*Save As/],
    ["locked.xlsx", ole2("EncryptionInfo"), "SOURCE_XLSX_ENCRYPTED", /protected with a password.*remove the password/],
    ["csv.xlsx", "Telefone;Nome\n11987654321;Ana\n", "SOURCE_NOT_XLSX", /text file \(a CSV\?\).*rename it to \.csv/],
    ["doc.xlsx", "%PDF-1.7\n...", "SOURCE_NOT_XLSX", /is a PDF/],
    ["web.xlsx", "<html><table><tr><td>1</td></tr></table></html>", "SOURCE_NOT_XLSX", /HTML\/XML file/],
    ["empty.xlsx", "", "SOURCE_EMPTY", /is empty \(0 bytes\)/],
    [
      "sheet.xlsx",
      Buffer.from(
        "PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
        "latin1",
      ),
      "SOURCE_NOT_XLSX",
      /OpenDocument spreadsheet/,
    ],
    [
      "broken.xlsx",
      Buffer.from("PK\x03\x04garbage-that-is-not-a-zip-entry", "latin1"),
      "SOURCE_XLSX_UNREADABLE",
      /could not be read as an Excel workbook.*save it again/,
    ],
  ])("%s → %s", async (name, content, code, message) => {
    await expect(createXlsxSource(file(name, content)).open()).rejects.toMatchObject({
      name: "ConfigError",
      code,
      message: expect.stringMatching(message),
    });
  });

  it("a zip that is not a workbook, a missing file, a folder", async () => {
    const zip = join(dir, "notes.xlsx");
    writeFileSync(zip, storedZip("notes.txt", "hello"));
    await expect(createXlsxSource(zip).open()).rejects.toMatchObject({
      code: "SOURCE_NOT_XLSX",
      message: expect.stringContaining("zip archive but not an Excel workbook"),
    });
    await expect(createXlsxSource(join(dir, "nope.xlsx")).open()).rejects.toMatchObject({ code: "SOURCE_NOT_FOUND" });
    await expect(createXlsxSource(dir).open()).rejects.toMatchObject({ code: "SOURCE_NOT_A_FILE" });
  });
});
