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
