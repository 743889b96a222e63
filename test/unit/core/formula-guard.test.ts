import { describe, expect, it } from "vitest";
import { guardFormula, unguardFormula } from "../../../src/core/formula-guard.js";

describe("the formula guard of the CSV files the tool writes", () => {
  it("marks what Excel would run as a formula, and nothing else", () => {
    for (const risky of ["=1+1", "+55 (11) 99363-9779", "-2", "@SUM(A1)", "\t=x", "\r=x"])
      expect(guardFormula(risky)).toBe(`'${risky}`);
    for (const safe of ["", "5511987654321", "Ana", "ROW_PHONE_INVALID: =1", "'quoted", "a=b"])
      expect(guardFormula(safe)).toBe(safe);
  });

  it("reads back exactly what was written, whatever the cell held — quotes before a formula start included", () => {
    for (const value of ["=1+1", "+55 11", "'=1", "''+2", "'", "''", "'plain", "", "@", "x'=y"])
      expect(unguardFormula(guardFormula(value))).toBe(value);
  });
});
