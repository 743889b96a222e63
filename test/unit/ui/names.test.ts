import { describe, expect, it } from "vitest";
import { nameStem, newId, ID_PATTERN } from "../../../src/ui/app-folder.js";
import { fileKind, safeFileName } from "../../../src/ui/sources/upload.js";

describe("names the app makes from what a page sends", () => {
  it("reduces an uploaded file's name to a plain name, never a path", () => {
    expect(safeFileName("../../etc/passwd.csv")).toBe("passwd.csv");
    expect(safeFileName("C:\\Users\\ana\\Leads Março (1).csv")).toBe("Leads Março (1).csv");
    expect(safeFileName("..")).toBe("");
    expect(safeFileName(".env")).toBe("env");
    expect(safeFileName("a\u0000b;rm -rf *.csv")).toBe("ab_rm -rf _.csv");
    expect(() => fileKind("notas.pdf")).toThrow();
    expect(fileKind("Leads.XLSX")).toBe("xlsx");
    expect(fileKind("leads.txt")).toBe("csv");
  });

  it("names a file's mapping so a re-downloaded copy finds it", () => {
    expect(nameStem("Leads Março (1).xlsx")).toBe("leads-marco");
    expect(nameStem("leads.csv")).toBe(nameStem("leads (2).csv"));
  });

  it("makes ids that sort by time and match the router's pattern", () => {
    const at = new Date(2026, 0, 2, 3, 4, 5, 6);
    const a = newId(at);
    expect(a).toMatch(/^20260102-030405-006-[0-9a-f]{4}$/);
    expect(ID_PATTERN.test(a)).toBe(true);
    // The same instant twice still gives increasing ids.
    const b = newId(at);
    expect(b > a).toBe(true);
  });
});
