import { describe, expect, it } from "vitest";
import { cellText, formatNumber } from "../../../src/sources/xlsx-cell-text.js";
import { serialToDate } from "../../../src/sources/xlsx-date-format.js";

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(Date.UTC(y, m - 1, d, h, min, s));

describe("xlsx cell text: numbers as the person sees them", () => {
  it("General keeps every digit of a phone number and drops float noise", () => {
    expect(formatNumber(5511987654321, undefined, false)).toBe("5511987654321");
    expect(formatNumber(11987654321, "General", false)).toBe("11987654321");
    expect(formatNumber(0.1 + 0.2, "General", false)).toBe("0,3");
    expect(formatNumber(1.1 * 3, undefined, false)).toBe("3,3");
    expect(formatNumber(-42, undefined, false)).toBe("-42");
    expect(formatNumber(0, undefined, false)).toBe("0");
  });

  it("digit templates: CEP, phone masks, fixed decimals, grouping, percent", () => {
    expect(formatNumber(1310100, "00000-000", false)).toBe("01310-100");
    expect(formatNumber(1310100, "00000\\-000", false)).toBe("01310-100");
    expect(formatNumber(11987654321, "(00) 00000-0000", false)).toBe("(11) 98765-4321");
    expect(formatNumber(5511987654321, "0", false)).toBe("5511987654321");
    expect(formatNumber(1234.5, "#,##0.00", false)).toBe("1.234,50");
    expect(formatNumber(1234567.891, "#,##0", false)).toBe("1.234.568");
    expect(formatNumber(0.1 + 0.2, "0.00", false)).toBe("0,30");
    expect(formatNumber(2.5, "0.0#", false)).toBe("2,5");
    expect(formatNumber(0.125, "0.0%", false)).toBe("12,5%");
    expect(formatNumber(0.5, "0%", false)).toBe("50%");
    expect(formatNumber(-3.25, "0.00", false)).toBe("-3,25");
  });

  it("rounds as the spreadsheet shows: 15 significant digits, then half away from zero (not the binary double)", () => {
    // 1.575 is stored as 1.57499999999999995…: toFixed(2) says 1.57, Excel and LibreOffice show 1,58.
    expect(formatNumber(1.575, "0.00", false)).toBe("1,58");
    expect(formatNumber(-1.575, "0.00", false)).toBe("-1,58");
    expect(formatNumber(1.005, "0.00", false)).toBe("1,01");
    expect(formatNumber(2.675, '"R$" #,##0.00', false)).toBe("R$ 2,68");
    expect(formatNumber(0.5, "0", false)).toBe("1");
    expect(formatNumber(2.5, "0", false)).toBe("3");
    expect(formatNumber(9.995, "0.00", false)).toBe("10,00");
    expect(formatNumber(999999.995, "#,##0.00", false)).toBe("1.000.000,00");
    expect(formatNumber(0.0001235, "0.00000%", false)).toBe("0,01235%");
    expect(formatNumber(1.2344, "0.000", false)).toBe("1,234");
    expect(formatNumber(5511987654321, "0", false)).toBe("5511987654321");
    expect(formatNumber(1e-20, "0.00", false)).toBe("0,00");
  });

  it("currency and sectioned formats (positive;negative;zero)", () => {
    expect(formatNumber(1234.5, '"R$" #,##0.00', false)).toBe("R$ 1.234,50");
    expect(formatNumber(99, "[$R$-416] #,##0.00", false)).toBe("R$ 99,00");
    expect(formatNumber(-5, '#,##0.00;[Red]"(menos) "#,##0.00', false)).toBe("(menos) 5,00");
    const accounting = '_-"R$"* #,##0.00_-;-"R$"* #,##0.00_-;_-"R$"* "-"??_-;_-@_-';
    expect(formatNumber(10, accounting, false)).toBe("R$ 10,00");
    expect(formatNumber(-10, accounting, false)).toBe("-R$ 10,00");
    expect(formatNumber(0, accounting, false)).toBe("R$ -");
  });

  it("codes it does not render (fractions, exponents, conditions) fall back to General digits", () => {
    expect(formatNumber(1.5, "# ?/?", false)).toBe("1,5");
    expect(formatNumber(5511987654321, "0.00E+00", false)).toBe("5511987654321");
    expect(formatNumber(11987654321, "[<=99999999]####-####;(##) #####-####", false)).toBe("11987654321");
    expect(formatNumber(7, "@", false)).toBe("7");
  });
});

describe("xlsx cell text: dates and times", () => {
  it("a date cell shows its format; the regional short date (id 14) and no format show DD/MM/YYYY", () => {
    const date = utc(2024, 3, 5);
    expect(cellText(date, "dd/mm/yyyy", false)).toBe("05/03/2024");
    expect(cellText(date, "mm-dd-yy", false)).toBe("05/03/2024");
    expect(cellText(date, undefined, false)).toBe("05/03/2024");
    expect(cellText(date, "General", false)).toBe("05/03/2024");
    expect(cellText(date, "d/m/yy", false)).toBe("5/3/24");
    expect(cellText(date, "yyyy-mm-dd", false)).toBe("2024-03-05");
    expect(cellText(date, "d-mmm-yy", false)).toBe("5-mar-24");
    expect(cellText(date, 'dddd, d "de" mmmm "de" yyyy', false)).toBe("terça-feira, 5 de março de 2024");
    expect(cellText(date, "[$-F800]dddd, mmmm dd, yyyy", false)).toBe("terça-feira, 5 de março de 2024");
    expect(cellText(date, "[$-409]mmmm d, yyyy", false)).toBe("March 5, 2024");
  });

  it("times: minutes vs months, 12-hour clock, elapsed hours, rounding to the second", () => {
    expect(cellText(utc(2024, 3, 5, 14, 7, 9), "dd/mm/yyyy hh:mm", false)).toBe("05/03/2024 14:07");
    expect(cellText(utc(2024, 3, 5, 14, 7, 9), "m/d/yy h:mm", false)).toBe("05/03/2024 14:07");
    expect(cellText(utc(2024, 3, 5, 14, 7, 9), "h:mm:ss AM/PM", false)).toBe("2:07:09 PM");
    expect(cellText(utc(2024, 3, 5, 9, 30, 0), "hh:mm", false)).toBe("09:30");
    expect(cellText(new Date(Date.UTC(2024, 2, 5, 9, 29, 59, 700)), "hh:mm:ss", false)).toBe("09:30:00");
    // 1.5 days as a duration
    expect(formatNumber(1.5, "[h]:mm", false)).toBe("36:00");
  });

  it("a formula's cached number under a date format is a date (1900 and 1904 systems)", () => {
    expect(cellText({ formula: "TODAY()", result: 45356 }, "dd/mm/yyyy", false)).toBe("05/03/2024");
    expect(cellText({ formula: "A1", result: 45356 - 1462 }, "dd/mm/yyyy", true)).toBe("05/03/2024");
    expect(serialToDate(45356.75, false).toISOString()).toBe("2024-03-05T18:00:00.000Z");
  });
});

describe("xlsx cell text: other cell kinds", () => {
  it("formulas show the cached result; no cached value is empty; an error result is empty", () => {
    expect(cellText({ formula: "B2*2", result: 11023975308642 }, undefined, false)).toBe("11023975308642");
    expect(cellText({ formula: "", result: 7 }, undefined, false)).toBe("7");
    expect(cellText({ formula: 'A1&" x"', result: "Ana x" }, undefined, false)).toBe("Ana x");
    expect(cellText({ formula: "A1" }, undefined, false)).toBe("");
    expect(cellText({ formula: "1/0", result: Number.NaN }, undefined, false)).toBe("");
  });

  it("rich text, hyperlinks, booleans, errors, empty", () => {
    expect(
      cellText({ richText: [{ text: "Maria " }, { text: "Conceição", font: { bold: true } }] }, undefined, false),
    ).toBe("Maria Conceição");
    expect(cellText({ text: "joao.com.br", hyperlink: "https://joao.com.br" }, undefined, false)).toBe("joao.com.br");
    expect(cellText({ text: { richText: [{ text: "a" }, { text: "b" }] }, hyperlink: "x" }, undefined, false)).toBe(
      "ab",
    );
    expect(cellText(true, undefined, false)).toBe("TRUE");
    expect(cellText(false, undefined, false)).toBe("FALSE");
    expect(cellText({ error: "#N/A" }, undefined, false)).toBe("#N/A");
    expect(cellText(null, undefined, false)).toBe("");
    expect(cellText(undefined, "dd/mm/yyyy", false)).toBe("");
    expect(cellText("  texto  ", undefined, false)).toBe("  texto  ");
  });
});
