import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvLine } from "../../../src/sinks/csv-line.js";

/** What the results file was written with before csvLine: the reference for every tricky value. */
const reference = (cells: string[], delimiter: string): string =>
  stringify([cells], { delimiter, record_delimiter: "windows", quoted_match: /[\r\n]/ }).slice(0, -2);

const TRICKY = [
  "",
  "plain",
  " spaced ",
  "a,b",
  "a;b",
  "a\tb",
  "a|b",
  'say "hi"',
  '"',
  '""',
  "line\nbreak",
  "cr\ronly",
  "crlf\r\nend",
  "\n",
  "=1+2",
  "+5511",
  "-3",
  "@SUM(A1)",
  "'quoted already",
  'Ação, São Paulo; "ok"\r\n',
  "emoji 🙂",
  "trailing,",
  "a::b",
  "a:",
  ":",
];

describe("csvLine", () => {
  for (const delimiter of [",", ";", "\t", "|", "::"]) {
    it(`quotes exactly as csv-stringify does with delimiter ${JSON.stringify(delimiter)}`, () => {
      const line = csvLine(delimiter);
      for (const value of TRICKY) {
        expect(line([value]), JSON.stringify(value)).toBe(reference([value], delimiter));
        expect(line(["x", value, ""]), JSON.stringify(value)).toBe(reference(["x", value, ""], delimiter));
      }
      expect(line(TRICKY)).toBe(reference(TRICKY, delimiter));
    });
  }

  it("doubles quotes inside a quoted cell and leaves empty cells unquoted", () => {
    expect(csvLine(";")(['Ana "A"', "", "x;y", "a\nb"])).toBe('"Ana ""A""";;"x;y";"a\nb"');
  });

  it("a cell starting with = + - @ is left as is: the formula guard belongs to the results file (csv-sink)", () => {
    expect(csvLine(",")(["=HYPERLINK()", "-1", "+2", "@x"])).toBe("=HYPERLINK(),-1,+2,@x");
  });

  it("an empty record is an empty line", () => {
    expect(csvLine(",")([])).toBe("");
  });

  it("refuses a delimiter that cannot be told apart from quoting or line breaks", () => {
    expect(() => csvLine('"')).toThrow(TypeError);
    expect(() => csvLine("\n")).toThrow(TypeError);
    expect(() => csvLine("")).toThrow(TypeError);
  });
});
