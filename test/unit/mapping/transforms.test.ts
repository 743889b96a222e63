import { describe, expect, it } from "vitest";
import {
  chainTransforms,
  compileTransform,
  titleCase,
  TransformFailure,
  type Transform,
} from "../../../src/mapping/transforms.js";

function transform(name: string): Transform {
  const compiled = compileTransform(name);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.transform;
}

describe("transforms", () => {
  it("trim, upper, lower, digits", () => {
    expect(transform("trim")("  a b  ")).toBe("a b");
    expect(transform("upper")("conceição")).toBe("CONCEIÇÃO");
    expect(transform("lower")("ÁVILA")).toBe("ávila");
    expect(transform("digits")("CPF 123.456.789-09")).toBe("12345678909");
  });

  it.each([
    ["JOÃO DA SILVA", "João da Silva"],
    ["maria das graças e souza", "Maria das Graças e Souza"],
    ["ANA-MARIA DOS SANTOS", "Ana-Maria dos Santos"],
    ["de souza", "De Souza"],
    ["  ávila   conceição ", "  Ávila   Conceição "],
  ])("title %j → %j (pt-BR particles stay lower case)", (input, expected) => {
    expect(titleCase(input)).toBe(expected);
  });

  it.each([
    ["date:DD/MM/YYYY->YYYY-MM-DD", "25/12/2024", "2024-12-25"],
    ["date:DD/MM/YYYY->YYYY-MM-DD", "5/3/2024", "2024-03-05"],
    ["date:DD/MM/YY->YYYY-MM-DD", "05/03/24", "2024-03-05"],
    ["date:DD/MM/YY->YYYY-MM-DD", "05/03/85", "1985-03-05"],
    ["date:YYYY-MM-DD HH:mm->DD/MM/YYYY HH:mm", "2024-12-25 9:05", "25/12/2024 09:05"],
    ["date:DD/MM/YYYY->DD/MM/YY", "01/02/2003", "01/02/03"],
    ["date:DD/MM/YYYY->YYYY-MM-DD", "", ""],
  ])("%s: %j → %j", (name, input, expected) => {
    expect(transform(name)(input)).toBe(expected);
  });

  it("a value that does not match the date pattern is a failure value naming the pattern, not a throw", () => {
    const result = transform("date:DD/MM/YYYY->YYYY-MM-DD")("2024-12-25");
    expect(result).toBeInstanceOf(TransformFailure);
    expect((result as TransformFailure).message).toBe('"2024-12-25" does not match the date pattern DD/MM/YYYY');
    const impossible = transform("date:DD/MM/YYYY->YYYY-MM-DD")("31/02/2024");
    expect((impossible as TransformFailure).message).toBe(
      '"31/02/2024" is not a real date/time for the pattern DD/MM/YYYY',
    );
  });

  it.each([
    ["upcase", 'unknown transform "upcase"'],
    [
      "date:DD/MM/YYYY",
      'date transform "date:DD/MM/YYYY" needs "->" between the input and output patterns, e.g. "date:DD/MM/YYYY->YYYY-MM-DD"',
    ],
    [
      "date:DD/MM->YYYY-MM-DD",
      'date transform "date:DD/MM->YYYY-MM-DD": the output token YYYY is not in the input pattern "DD/MM"',
    ],
    [
      "date:foo->YYYY",
      'date transform "date:foo->YYYY": the input pattern "foo" has no date tokens (DD MM YYYY YY HH mm ss)',
    ],
    [
      "date:DD/DD/YYYY->YYYY",
      'date transform "date:DD/DD/YYYY->YYYY": a token repeats in the input pattern "DD/DD/YYYY"',
    ],
  ])("rejects %j", (name, message) => {
    expect(compileTransform(name)).toEqual({ ok: false, message });
  });

  it("chains left to right and stops at the first failure", () => {
    const chain = chainTransforms([transform("trim"), transform("date:DD/MM/YYYY->YYYY-MM-DD"), transform("upper")])!;
    expect(chain(" 01/02/2024 ")).toBe("2024-02-01");
    expect(chain("x")).toBeInstanceOf(TransformFailure);
    expect(chainTransforms([])).toBeUndefined();
  });
});
