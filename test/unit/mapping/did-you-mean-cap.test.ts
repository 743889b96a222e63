import { describe, expect, it } from "vitest";
import { closest } from "../../../src/mapping/load-mapping.js";

describe("did-you-mean on huge header cells", () => {
  it("a 50 MB header name is skipped instead of building a 50M-cell distance table", () => {
    // A full table would be 50M cells per header (gigabytes); how long the skip takes is in `npm run bench`
    // (quick-paths), not asserted here.
    expect(closest("Telefon", ["x".repeat(50 * 1024 * 1024), "Telefone"])).toBe("Telefone");
    expect(closest("Nome", ["N".repeat(50 * 1024 * 1024)])).toBeUndefined();
  });
});
