import { describe, expect, it } from "vitest";
import type { RowResult } from "../../../src/core/row-result.js";
import { locateKeylessRows } from "../../../src/sinks/sheets-keyless-rows.js";

const result = (seq: number, values: Record<string, string>): RowResult => ({
  seq,
  rowNumber: seq + 2,
  values,
  status: "invalid",
});

const lookup = (header: string[], rows: string[][]) => ({
  header,
  rows,
  sourceHeaders: ["Telefone", "Nome"],
  writeBackNames: new Set(["chatguru_status"]),
});

describe("locateKeylessRows", () => {
  it("finds a row with an empty key by its other cells, wherever it moved and whatever the columns' order", () => {
    const { found, lost } = locateKeylessRows(
      lookup(
        ["Nome", "Telefone", "chatguru_status"],
        [
          ["Bia", "5511987654321", "updated"],
          ["Ana", "", "invalid"],
        ],
      ),
      [result(0, { Telefone: "", Nome: "Ana", chatguru_status: "" })],
    );
    expect(found.map((f) => [f.row, f.result.seq])).toEqual([[3, 0]]);
    expect(lost).toEqual([]);
  });

  it("sends the n-th of identical rows (in source order) to the n-th such sheet row", () => {
    const { found } = locateKeylessRows(
      lookup(
        ["Telefone", "Nome"],
        [
          ["abc", "Ana"],
          ["x", "Bia"],
          ["abc", "Ana"],
        ],
      ),
      [result(5, { Telefone: "abc", Nome: "Ana" }), result(1, { Telefone: "abc", Nome: "Ana" })],
    );
    expect(found.map((f) => [f.row, f.result.seq])).toEqual([
      [2, 1],
      [4, 5],
    ]);
  });

  it("reports a row edited or deleted during the run as lost", () => {
    const { found, lost } = locateKeylessRows(lookup(["Telefone", "Nome"], [["", "Ana Maria"]]), [
      result(0, { Telefone: "", Nome: "Ana" }),
    ]);
    expect(found).toEqual([]);
    expect(lost.map((r) => r.seq)).toEqual([0]);
  });

  it("matches trailing blank cells Google leaves out of a row", () => {
    const { found } = locateKeylessRows(
      lookup(["Telefone", "Nome"], [["Ana"]].map(() => ["", "Ana"]).concat([["x"]])),
      [result(0, { Telefone: "x", Nome: "" })],
    );
    expect(found.map((f) => f.row)).toEqual([3]);
  });
});
