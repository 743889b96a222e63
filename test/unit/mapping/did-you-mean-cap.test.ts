import { describe, expect, it } from "vitest";
import { closest } from "../../../src/mapping/load-mapping.js";

describe("did-you-mean on huge header cells", () => {
  it("a 50 MB header name is skipped instead of building a 50M-cell distance table", () => {
    const started = Date.now();
    expect(closest("Telefon", ["x".repeat(50 * 1024 * 1024), "Telefone"])).toBe("Telefone");
    expect(closest("Nome", ["N".repeat(50 * 1024 * 1024)])).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
