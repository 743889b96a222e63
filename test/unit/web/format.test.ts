import { describe, expect, it } from "vitest";
import { formatElapsed, formatNumber } from "../../../web/format.js";
import { aboutDuration, t } from "../../../web/say.js";

describe("numbers and times as the pages show them", () => {
  it("groups thousands the Brazilian way and says zero in words (the catalog's plurals)", () => {
    expect(formatNumber(5000)).toBe("5.000");
    expect(t("ui.file.rows", { n: 0 })).toBe("nenhuma linha de contatos");
    expect(t("ui.file.rows", { n: 1 })).toBe("1 linha de contatos");
    expect(t("ui.file.rows", { n: 120000 })).toBe("120.000 linhas de contatos");
  });

  it("rounds an estimate as the CLI's plan does and keeps an elapsed time exact", () => {
    expect(aboutDuration(4)).toBe("cerca de 4 s");
    expect(aboutDuration(152)).toBe("cerca de 3 min");
    expect(aboutDuration(4800)).toBe("cerca de 1 h 20 min");
    expect(formatElapsed(185_000)).toBe("3 min 05 s");
  });
});
