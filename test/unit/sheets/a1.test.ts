import { describe, expect, it } from "vitest";
import { a1Range, a1Row, columnIndex, columnLetter, quoteSheetTitle } from "../../../src/sheets/a1.js";

describe("A1 helpers", () => {
  it("converts column indexes and letters both ways", () => {
    const pairs: Array<[number, string]> = [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [51, "AZ"],
      [52, "BA"],
      [701, "ZZ"],
      [702, "AAA"],
    ];
    for (const [index, letters] of pairs) {
      expect(columnLetter(index)).toBe(letters);
      expect(columnIndex(letters)).toBe(index);
    }
    for (let i = 0; i < 2000; i++) expect(columnIndex(columnLetter(i))).toBe(i);
    expect(() => columnLetter(-1)).toThrow(RangeError);
    expect(() => columnIndex("A1")).toThrow(RangeError);
  });

  it("quotes titles, doubling apostrophes", () => {
    expect(quoteSheetTitle("Leads")).toBe("'Leads'");
    expect(quoteSheetTitle("Joana's leads 2026")).toBe("'Joana''s leads 2026'");
  });

  it("builds closed, open-ended and whole-column ranges", () => {
    expect(a1Range("My Tab", { fromColumn: 0, fromRow: 2, toColumn: 4, toRow: 5001 })).toBe("'My Tab'!A2:E5001");
    expect(a1Range("T", { fromColumn: 2, toColumn: 2 })).toBe("'T'!C:C");
    expect(a1Range("T", { fromColumn: 0, fromRow: 2, toColumn: 701 })).toBe("'T'!A2:ZZ");
    expect(a1Row("It's", 1)).toBe("'It''s'!1:1");
  });
});
