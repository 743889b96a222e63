import { describe, expect, it } from "vitest";
import { formatElapsed, formatEta, formatNumber, plural } from "../../../web/format.js";

describe("numbers and times as the pages show them", () => {
  it("groups thousands the Brazilian way and says zero in words", () => {
    expect(formatNumber(5000)).toBe("5.000");
    expect(plural(0, "linha", "linhas", "nenhuma linha")).toBe("nenhuma linha");
    expect(plural(1, "linha", "linhas", "nenhuma linha")).toBe("1 linha");
    expect(plural(120000, "linha", "linhas")).toBe("120.000 linhas");
  });

  it("rounds an estimate and keeps an elapsed time exact", () => {
    expect(formatEta(4)).toBe("alguns segundos");
    expect(formatEta(152)).toBe("cerca de 3 min");
    expect(formatEta(4800)).toBe("cerca de 1 h 20 min");
    expect(formatElapsed(185_000)).toBe("3 min 05 s");
  });
});
