import { describe, expect, it } from "vitest";
import { describeRead } from "../../../src/sources/read-notice.js";
import type { OpenedSource } from "../../../src/sources/source.js";

const opened = (extra: Partial<OpenedSource>): OpenedSource => ({
  headers: [],
  rows: (async function* () {})(),
  close: async () => undefined,
  ...extra,
});

describe("describeRead", () => {
  it("a CSV: encoding, delimiter, header row, and why the delimiter when a sep= line set it", () => {
    const format = { delimiter: ";", encoding: "windows-1252", headerRow: 3, bom: false, sepLine: true };
    expect(describeRead("leads.csv", opened({ format }))).toBe(
      'read leads.csv as Windows-1252, delimiter ";", header on row 3 (a "sep=;" line set the delimiter)',
    );
  });
  it("a tab is named, a BOM is mentioned, an unknown encoding is shown as given", () => {
    const format = { delimiter: "\t", encoding: "utf-16le", headerRow: 1, bom: true, sepLine: false };
    expect(describeRead("a.txt", opened({ format }))).toBe(
      "read a.txt as UTF-16 LE (with byte-order mark), delimiter tab, header on row 1",
    );
    expect(describeRead("b.csv", opened({ format: { delimiter: ",", encoding: "macroman" } }))).toBe(
      'read b.csv as macroman, delimiter ","',
    );
  });
  it("a workbook: the worksheet and header row", () => {
    expect(describeRead("l.xlsx", opened({ worksheet: { name: "Leads", headerRow: 4 } }))).toBe(
      'read l.xlsx, worksheet "Leads", header on row 4',
    );
  });
  it("nothing to say (a Google Sheet)", () => {
    expect(describeRead("sheets:ID", opened({}))).toBeUndefined();
  });
});
