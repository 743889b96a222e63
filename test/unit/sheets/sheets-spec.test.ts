import { describe, expect, it } from "vitest";
import { isUsageError } from "../../../src/errors.js";
import { isSheetsSpec, parseSheetsSpec, spreadsheetUrl } from "../../../src/sheets/sheets-spec.js";

const ID = "1AbC-dEf_123456789xyz";

describe("parseSheetsSpec", () => {
  it.each([
    [`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=42`, { spreadsheetId: ID, gid: 42 }],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit?gid=7#gid=7`, { spreadsheetId: ID, gid: 7 }],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit?gid=9`, { spreadsheetId: ID, gid: 9 }],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0&range=A1`, { spreadsheetId: ID, gid: 0 }],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit?usp=sharing`, { spreadsheetId: ID }],
    [`https://docs.google.com/spreadsheets/d/${ID}`, { spreadsheetId: ID }],
    [`https://docs.google.com/spreadsheets/u/1/d/${ID}/edit#gid=3`, { spreadsheetId: ID, gid: 3 }],
    [`sheets:${ID}`, { spreadsheetId: ID }],
    [`sheets:${ID}#gid=5`, { spreadsheetId: ID, gid: 5 }],
  ])("%s", (spec, expected) => {
    expect(parseSheetsSpec(spec)).toEqual(expected);
  });

  it("takes the tab title from --sheet, trimmed", () => {
    expect(parseSheetsSpec(`sheets:${ID}`, "  Leads de março ")).toEqual({
      spreadsheetId: ID,
      sheet: "Leads de março",
    });
    expect(parseSheetsSpec(`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=4`, "Tab")).toEqual({
      spreadsheetId: ID,
      gid: 4,
      sheet: "Tab",
    });
  });

  it("returns undefined for CSV paths and other URLs", () => {
    expect(parseSheetsSpec("leads.csv")).toBeUndefined();
    expect(parseSheetsSpec("-")).toBeUndefined();
    expect(parseSheetsSpec("https://example.com/spreadsheets/d/abc")).toBeUndefined();
    expect(parseSheetsSpec("https://docs.google.com/document/d/abc/edit")).toBeUndefined();
  });

  it.each(["sheets:", "sheets:bad id!", "https://docs.google.com/spreadsheets/create", `sheets:${ID}#gid=x`])(
    "rejects the malformed Sheets spec %s with a usage error",
    (spec) => {
      let caught: unknown;
      try {
        parseSheetsSpec(spec);
      } catch (error) {
        caught = error;
      }
      expect(isUsageError(caught)).toBe(true);
      expect((caught as Error).message).toContain(spec);
    },
  );
});

describe("isSheetsSpec", () => {
  it("tells Sheets specs from CSV paths", () => {
    expect(isSheetsSpec(`sheets:${ID}`)).toBe(true);
    expect(isSheetsSpec(`SHEETS:${ID}`)).toBe(true);
    expect(isSheetsSpec(`https://docs.google.com/spreadsheets/d/${ID}/edit`)).toBe(true);
    expect(isSheetsSpec("sheets.csv")).toBe(false);
    expect(isSheetsSpec("./data/leads.csv")).toBe(false);
  });
});

describe("spreadsheetUrl", () => {
  it("points at the tab when the gid is known", () => {
    expect(spreadsheetUrl(ID, 12)).toBe(`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=12`);
    expect(spreadsheetUrl(ID)).toBe(`https://docs.google.com/spreadsheets/d/${ID}/edit`);
  });
});
