import { describe, expect, it } from "vitest";
import type { RowResult } from "../../../src/core/row-result.js";
import { buildRanges, planWriteBackColumns } from "../../../src/sinks/write-back-ranges.js";

describe("planWriteBackColumns", () => {
  it("finds existing columns and appends missing ones after the last named header cell, once per name", () => {
    const plan = planWriteBackColumns(
      ["Nome", "Status", "Telefone", "", ""],
      ["status", "error", "synced_at"],
      ["Status", "Erro", "Erro"],
    );
    expect(plan).toEqual({
      targets: [
        { column: "status", index: 1 },
        { column: "error", index: 3 },
        { column: "synced_at", index: 3 },
      ],
      missing: ["Erro"],
      firstMissing: 3,
    });
  });
});

describe("buildRanges", () => {
  const result = (rowNumber: number, status: string): RowResult => ({
    seq: rowNumber,
    rowNumber,
    values: {},
    status,
    error: `e${rowNumber}`,
  });
  it("writes one range per block of adjacent columns and run of consecutive rows", () => {
    const targets = new Map([
      [2, result(2, "created")],
      [3, result(3, "updated")],
      [7, result(7, "failed")],
    ]);
    const data = buildRanges("Tab", targets, [
      { column: "error", index: 5 },
      { column: "status", index: 4 },
      { column: "synced_at", index: 0 },
    ]);
    expect(data).toEqual([
      { range: "'Tab'!A2:A3", values: [[""], [""]] },
      {
        range: "'Tab'!E2:F3",
        values: [
          ["created", "e2"],
          ["updated", "e3"],
        ],
      },
      { range: "'Tab'!A7:A7", values: [[""]] },
      { range: "'Tab'!E7:F7", values: [["failed", "e7"]] },
    ]);
  });
});
