import { describe, expect, it } from "vitest";
import { withExitCode } from "../../helpers/exit-code.js";
import { detectNotText, detectTextEncoding, findSepLine, notTextError } from "../../../src/sources/text-detect.js";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("detectTextEncoding", () => {
  it.each([
    [bytes(0xef, 0xbb, 0xbf, 0x41), { encoding: "utf-8", bom: true }],
    [bytes(0xff, 0xfe, 0x41, 0), { encoding: "utf-16le", bom: true }],
    [bytes(0xfe, 0xff, 0, 0x41), { encoding: "utf-16be", bom: true }],
    [Buffer.from("Conceição", "utf8"), { encoding: "utf-8", bom: false }],
    [Buffer.from("Conceição", "latin1"), { encoding: "windows-1252", bom: false }],
    [bytes(0xff, 0xfe, 0, 0), { encoding: "windows-1252", bom: false }],
  ])("%j → %j", (sample, expected) => {
    expect(detectTextEncoding(sample, true)).toEqual(expected);
  });

  it("a UTF-8 character cut at the end of an incomplete sample is still UTF-8", () => {
    expect(detectTextEncoding(bytes(0x41, 0xc3), false).encoding).toBe("utf-8");
    expect(detectTextEncoding(bytes(0x41, 0xc3), true).encoding).toBe("windows-1252");
  });
});

describe("detectNotText", () => {
  it("text, including Windows-1252 accents, ESC and form feeds, is text", () => {
    expect(detectNotText(Buffer.from("Nome;Obs\r\nJoão;\x1b\f\n", "latin1"), "windows-1252")).toBeUndefined();
    expect(detectNotText(Buffer.from("Nome\tA\r\n", "utf16le"), "utf-16le")).toBeUndefined();
    expect(detectNotText(new Uint8Array(0), "utf-8")).toBeUndefined();
  });

  it("many control bytes without NULs are binary", () => {
    const sample = Buffer.alloc(200, 0x41);
    for (let i = 0; i < 20; i++) sample[i * 10] = 0x02;
    expect(detectNotText(sample, "utf-8")?.looksLike).toBe("binary data, not text");
  });

  it("the error says what it looks like and what to do", () => {
    const error = notTextError("leads.csv", { looksLike: "a PDF document", todo: "export it as CSV" });
    expect(withExitCode(error)).toMatchObject({ code: "SOURCE_NOT_TEXT", exitCode: 2 });
    expect(error.message).toBe(
      "leads.csv is not a CSV text file: it looks like a PDF document. To sync it, export it as CSV.",
    );
  });
});

describe("findSepLine", () => {
  it.each([
    ["sep=;\r\nA;B", ";"],
    ["SEP=,\nA,B", ","],
    ["sep=\t\nA\tB", "\t"],
    ["sep=\\t\nA\tB", "\t"],
    ["\uFEFFsep=;\n", ";"],
    ["sep=|", "|"],
    ["sep=;;\nA;B", undefined],
    ["separador;nome\n", undefined],
    ['sep="\n', undefined],
    ["Nome;sep=;\n", undefined],
  ])("%j → %j", (text, expected) => {
    expect(findSepLine(text)).toBe(expected);
  });
});
