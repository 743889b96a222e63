import { describe, expect, it } from "vitest";
import { withExitCode } from "../../helpers/exit-code.js";
import { checkHeader } from "../../../src/sources/header-check.js";

const error = (cells: string[], row?: number) => {
  try {
    checkHeader(cells, { label: 'Tab "Leads"', ...(row !== undefined ? { row } : {}) });
  } catch (e) {
    return e as Error & { code: string; exitCode: number; context: Record<string, unknown> };
  }
  throw new Error("expected checkHeader to throw");
};

describe("checkHeader (shared by CSV, Google Sheets and workbooks)", () => {
  it("trims names, drops the BOM and trailing nameless columns", () => {
    expect(checkHeader(["\uFEFF Telefone ", "Nome", " ", ""], { label: "x.csv" })).toEqual(["Telefone", "Nome"]);
  });

  it("an empty name before a named column names the column and the cell on the header row", () => {
    const e = error(["Nome", "", "Etapa"], 3);
    expect(withExitCode(e)).toMatchObject({
      code: "SOURCE_HEADER_EMPTY",
      exitCode: 2,
      context: { column: 2, cell: "B3" },
    });
    expect(e.message).toMatch(
      /^Tab "Leads": header column 2 \(B\) has no name \(cell B3\)\. Give every column a name in row 3, or delete the empty column\. If the column names are on another row/,
    );
  });

  it("a repeated name names both columns and cells", () => {
    const e = error(["Nome", "Telefone", " Nome"]);
    expect(e).toMatchObject({ code: "SOURCE_HEADER_DUPLICATE", context: { column: 3, cell: "C1", name: "Nome" } });
    expect(e.message).toContain('header "Nome" appears twice, in column 1 (A) and column 3 (C) (cells A1 and C1)');
  });

  it("no names at all is SOURCE_EMPTY naming the row", () => {
    expect(error(["", " "], 2)).toMatchObject({
      code: "SOURCE_EMPTY",
      message: 'Tab "Leads" has no header: row 2 must hold the column names.',
    });
  });
});
