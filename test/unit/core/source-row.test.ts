import { describe, expect, it } from "vitest";
import { cellsByHeader } from "../../../src/core/source-row.js";

describe("cellsByHeader", () => {
  it("keeps a column named __proto__, constructor or toString as a column; a missing one reads as absent", () => {
    const values = cellsByHeader(["__proto__", "constructor", "Nome"], ["vip", "x"]);
    expect(Object.keys(values)).toEqual(["__proto__", "constructor", "Nome"]);
    expect(values.__proto__).toBe("vip");
    expect(values.constructor).toBe("x");
    expect(values.Nome).toBe("");
    expect(values.toString).toBeUndefined();
  });
});
