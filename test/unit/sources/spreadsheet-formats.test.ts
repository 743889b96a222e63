import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SourceRow } from "../../../src/core/source-row.js";
import { createSource } from "../../../src/sources/create-source.js";
import { withExitCode } from "../../helpers/exit-code.js";

const dir = mkdtempSync(join(tmpdir(), "cgs-sheetfmt-"));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const openError = (path: string) =>
  createSource(path)
    .open()
    .then(
      () => {
        throw new Error("expected open() to fail");
      },
      (e: unknown) => withExitCode(e as Error & { code: string; exitCode: number }),
    );

/** The start of a zip whose first entry is `name` (what the format checks look at). */
const zipStart = (name: string, rest = "") =>
  Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(26), Buffer.from(name), Buffer.from(rest)]);
const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);

describe("spreadsheet formats that are not read: say so and how to get an .xlsx", () => {
  it("an old Excel .xls: Excel's Salvar como, .xlsx first, CSV UTF-8 as the other way", async () => {
    const path = file("clientes.xls", OLE2);
    const error = await openError(path);
    expect(error).toMatchObject({ name: "ConfigError", code: "SOURCE_XLS_OLD_FORMAT", exitCode: 2 });
    expect(error.message).toBe(
      `${path} is an old Excel 97-2003 workbook (.xls), a format this tool does not read. To sync it, open it in Excel and use Arquivo › Salvar como › "Pasta de Trabalho do Excel (.xlsx)" (the .xlsx is read directly and keeps long numbers such as phones whole) or "CSV UTF-8", then pass the new file.`,
    );
  });

  it("a LibreOffice .ods: LibreOffice's Salvar como › Excel 2007-365", async () => {
    const error = await openError(
      file("leads.ods", zipStart("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")),
    );
    expect(error).toMatchObject({ code: "SOURCE_NOT_TEXT", exitCode: 2 });
    expect(error.message).toContain(
      "is an OpenDocument spreadsheet (LibreOffice .ods), a format this tool does not read",
    );
    expect(error.message).toContain('open it in LibreOffice and use Arquivo › Salvar como › "Excel 2007-365 (.xlsx)"');
    expect(error.message).not.toMatch(/not a CSV text file|unzip/);
  });

  it.each([
    ["its entries", "leads.numbers", zipStart("Index/Document.iwa")],
    ["its entries, under another name", "leads.csv", zipStart("Metadata/Properties.plist")],
    ["its extension, when the first entry is a preview image", "leads.numbers", zipStart("preview.jpg", "\xff\xd8")],
  ])("Apple Numbers, known by %s: Numbers' Exportar para › Excel, not unzip", async (_how, name, bytes) => {
    const error = await openError(file(name, bytes));
    expect(error).toMatchObject({ code: "SOURCE_NOT_TEXT", exitCode: 2 });
    expect(error.message).toContain("is an Apple Numbers spreadsheet (.numbers), a format this tool does not read");
    expect(error.message).toContain("open it in Numbers and use Arquivo › Exportar para › Excel");
    expect(error.message).not.toContain("unzip");
  });

  it("a real .xlsx named .ods is told to take back its .xlsx name; another zip is still a zip", async () => {
    const xlsx = await openError(file("renamed.ods", zipStart("[Content_Types].xml")));
    expect(xlsx.message).toMatch(
      /looks like an Excel workbook \(\.xlsx\) with another extension.*real \.xlsx extension/,
    );
    const zip = await openError(file("backup.csv", zipStart("data/readme.txt")));
    expect(zip.message).toMatch(/looks like a zip archive.*unzip it/);
  });

  it("an .xls that is really text (what many systems export) is read as CSV", async () => {
    const opened = await createSource(file("export.xls", "Telefone;Nome\r\n11987654321;Ana\r\n")).open();
    const rows: SourceRow[] = [];
    for await (const row of opened.rows) rows.push(row);
    expect(rows).toEqual([{ rowNumber: 2, values: { Telefone: "11987654321", Nome: "Ana" } }]);
  });
});
