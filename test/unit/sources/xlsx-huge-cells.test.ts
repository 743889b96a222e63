import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { SourceRow } from "../../../src/core/source-row.js";
import { createXlsxSource } from "../../../src/sources/xlsx-source.js";
import { repoRoot } from "../../helpers/cli.js";
import { withExitCode } from "../../helpers/exit-code.js";

const dir = mkdtempSync(join(tmpdir(), "cgs-xlsxhuge-"));
const FIXTURE = join(repoRoot, "fixtures", "xlsx", "no-cell-refs.xlsx");

async function readAll(path: string) {
  const opened = await createXlsxSource(path).open();
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { headers: opened.headers, rows };
}

/** A copy of the fixture with one part replaced. */
async function withPart(name: string, part: string, xml: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(FIXTURE));
  zip.file(part, xml);
  const path = join(dir, name);
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return path;
}

// Each reads an 11 MB part through the whole xlsx reader (seconds of CPU): a file of their own keeps the guard's
// quick tests in xlsx-part-guard.test.ts.
describe("a huge cell in a workbook is refused with exit 2", () => {
  it("an 11 M-character inline cell: exit 2, the 10 MB cap and what to do", async () => {
    const big = "y".repeat(11 * 1024 * 1024);
    const sheet =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      `<row><c t="inlineStr"><is><t>Nome</t></is></c><c t="inlineStr"><is><t>Telefone</t></is></c></row>` +
      `<row><c t="inlineStr"><is><t>${big}</t></is></c><c><v>5511987650001</v></c></row></sheetData></worksheet>`;
    const path = await withPart("huge-inline.xlsx", "xl/worksheets/sheet1.xml", sheet);
    const error = (await readAll(path).catch((e: unknown) => e)) as Error;
    expect(withExitCode(error)).toMatchObject({ code: "SOURCE_XLSX_UNREADABLE", exitCode: 2 });
    expect(error.message).toBe(
      "huge-inline.xlsx: row 2 has a cell longer than 10 MB (10485760 characters), the most this tool reads in one cell; " +
        "Excel itself keeps at most 32 767 characters in a cell. Open the workbook, shorten or empty that cell (or delete " +
        "its column), save it, and run again.",
    );
  });

  it("an 11 M-character shared string: refused while the strings are read, before any row", async () => {
    const sst =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<si><t>${"z".repeat(11 * 1024 * 1024)}</t></si></sst>`;
    const path = await withPart("huge-shared.xlsx", "xl/sharedStrings.xml", sst);
    const error = (await readAll(path).catch((e: unknown) => e)) as Error;
    expect(withExitCode(error)).toMatchObject({ code: "SOURCE_XLSX_UNREADABLE", exitCode: 2 });
    expect(error.message).toContain("huge-shared.xlsx: a cell holds a text longer than 10 MB");
  });
});
