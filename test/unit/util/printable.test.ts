import { describe, expect, it } from "vitest";
import { printable } from "../../../src/util/printable.js";

describe("printable", () => {
  it("leaves ordinary text (accents, emoji) alone", () => {
    expect(printable("São Paulo — Conceição 👍")).toBe("São Paulo — Conceição 👍");
  });

  it("escapes control characters and invisible reordering marks instead of printing them raw", () => {
    expect(printable("a\x1b[31mb\x07")).toBe("a\\x1b[31mb\\x07");
    expect(printable("l1\r\nl2\tx\x00")).toBe("l1\\r\\nl2\\tx\\x00");
    expect(printable("\u202Egpj.exe\u200B\uFEFF")).toBe("\\u202egpj.exe\\u200b\\ufeff");
    expect(printable("\x7f\x9b")).toBe("\\x7f\\x9b");
  });

  it("cuts long values with the full length, never leaving half an emoji", () => {
    expect(printable("x".repeat(100_000))).toBe(`${"x".repeat(80)}…(100000 chars)`);
    expect(printable("abcdef", 3)).toBe("abc…(6 chars)");
    expect(printable("ab👍cd", 3)).toBe("ab…(6 chars)");
    expect(printable("x".repeat(80))).toBe("x".repeat(80));
  });
});
