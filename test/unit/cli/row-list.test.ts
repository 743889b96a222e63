import { describe, expect, it } from "vitest";
import { rowListFlag } from "../../../src/cli/row-list.js";

describe("--release-held / --resolve ROWS", () => {
  it("alone means every row; absent means none", () => {
    expect(rowListFlag({ "release-held": "" }, "release-held")).toBe(true);
    expect(rowListFlag({}, "release-held")).toBe(false);
  });

  it("takes the spreadsheet rows the summary shows: lists and ranges", () => {
    expect(rowListFlag({ resolve: "5" }, "resolve")).toEqual([5]);
    expect(rowListFlag({ resolve: "5,12, 20-22" }, "resolve")).toEqual([5, 12, 20, 21, 22]);
  });

  it.each(["abc", "5-2", "0", "2-99999999", "5,,x"])("refuses %j with the form it takes (exit 2)", (value) => {
    expect(() => rowListFlag({ "release-held": value }, "release-held")).toThrow(
      /--release-held takes spreadsheet row numbers such as 5,12,20-25/,
    );
  });
});
