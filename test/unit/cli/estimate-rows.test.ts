import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimateRows } from "../../../src/cli/estimate-rows.js";

describe("estimateRows (progress bar ETA)", () => {
  const dir = mkdtempSync(join(tmpdir(), "cgs-est-"));
  it("counts data lines, with or without a final newline", async () => {
    writeFileSync(join(dir, "a.csv"), "h1,h2\r\n1,2\r\n3,4\r\n");
    writeFileSync(join(dir, "b.csv"), "h1,h2\n1,2\n3,4");
    expect(await estimateRows(join(dir, "a.csv"))).toBe(2);
    expect(await estimateRows(join(dir, "b.csv"))).toBe(2);
  });
  it("is undefined for something that is not a readable file", async () => {
    expect(await estimateRows(join(dir, "missing.csv"))).toBeUndefined();
    expect(await estimateRows(dir)).toBeUndefined();
  });
});

describe("estimateRows does not count what is not a row", () => {
  const dir = mkdtempSync(join(tmpdir(), "cgs-est2-"));
  const estimate = (name: string, content: string | Buffer, headerRow?: number) => {
    writeFileSync(join(dir, name), content);
    return estimateRows(join(dir, name), headerRow);
  };
  it("blank lines, also Excel's ;;;; lines and a trailing blank line", async () => {
    expect(await estimate("blank.csv", "Telefone;Nome\r\n1;a\r\n;;\r\n\r\n2;b\r\n \r\n")).toBe(2);
  });
  it("a sep= first line", async () => {
    expect(await estimate("sep.csv", "sep=;\r\nTelefone;Nome\r\n1;a\r\n2;b\r\n")).toBe(2);
  });
  it("title rows above --header-row (counted like the source: after a sep= line)", async () => {
    expect(await estimate("title.csv", "Relatório;;\n;;\nTelefone;Nome\n1;a\n2;b\n", 3)).toBe(2);
    expect(await estimate("sep-title.csv", "sep=;\nRelatório;;\nTelefone;Nome\n1;a\n", 2)).toBe(1);
  });
  it("leading blank lines before the header", async () => {
    expect(await estimate("lead.csv", "\n\nTelefone,Nome\n1,a\n")).toBe(1);
  });
  it("UTF-16 LE with BOM", async () => {
    const text = "\uFEFFTelefone\tNome\r\n1\ta\r\n\r\n2\tb\r\n";
    expect(await estimate("u16.txt", Buffer.from(text, "utf16le"))).toBe(2);
  });
});
