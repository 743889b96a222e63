import { describe, expect, it } from "vitest";
import { errnoCode } from "../../../src/util/errno.js";

describe("errnoCode", () => {
  it("reads the code of a system error", () => {
    expect(errnoCode(Object.assign(new Error("x"), { code: "ENOENT" }))).toBe("ENOENT");
  });
  it("is undefined for values without a code", () => {
    for (const value of [new Error("x"), undefined, null, "ENOENT", 42]) expect(errnoCode(value)).toBeUndefined();
  });
});
