import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keepHashInValues, loadEnvironment } from "../../../src/cli/env.js";

describe(".env file", () => {
  it("reads a file saved with a UTF-8 BOM (Windows Notepad)", () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-env-"));
    writeFileSync(join(dir, ".env"), "\uFEFFCHATGURU_API_KEY=fake-key-1\r\nCHATGURU_ACCOUNT_ID=acc\r\n");
    const env = loadEnvironment(dir, {});
    expect(env.CHATGURU_API_KEY).toBe("fake-key-1");
    expect(env.CHATGURU_ACCOUNT_ID).toBe("acc");
  });

  it("keeps a # inside an unquoted value; a # after a space starts a comment", () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-env-"));
    writeFileSync(
      join(dir, ".env"),
      ["# comment line", "A=abc#def", "B=abc #comment", "C='q#1'", 'D="x # y"', "E=plain", "export F=k#1"].join("\n"),
    );
    expect(loadEnvironment(dir, {})).toMatchObject({
      A: "abc#def",
      B: "abc",
      C: "q#1",
      D: "x # y",
      E: "plain",
      F: "k#1",
    });
  });

  it("leaves lines without # untouched and real environment variables win", () => {
    expect(keepHashInValues("A=1\nB='2'\n")).toBe("A=1\nB='2'\n");
    const dir = mkdtempSync(join(tmpdir(), "cgs-env-"));
    writeFileSync(join(dir, ".env"), "A=from-file\n");
    expect(loadEnvironment(dir, { A: "from-env" }).A).toBe("from-env");
  });
});
