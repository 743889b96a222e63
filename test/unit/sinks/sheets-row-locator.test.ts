import { describe, expect, it } from "vitest";
import type { RowResult } from "../../../src/core/row-result.js";
import { locateRows, type PendingResult } from "../../../src/sinks/sheets-row-locator.js";

const keyOf = (raw: string): string | undefined => {
  const digits = raw.replace(/\D/g, "");
  if (raw.includes("!")) throw new Error("unparseable");
  return digits.length >= 3 ? digits : undefined;
};

function pending(rowNumber: number, phone: string, ordinal = 0, extra: Partial<RowResult> = {}): PendingResult {
  const key = phone.includes("!") ? undefined : keyOf(phone);
  return {
    result: {
      seq: rowNumber - 2,
      rowNumber,
      ...(key ? { key } : {}),
      values: { Phone: phone },
      status: "updated",
      ...extra,
    },
    ordinal,
  };
}

function locate(column: string[], batch: PendingResult[], seen = () => 1) {
  const notes: string[] = [];
  const rows = locateRows(batch, {
    keyCells: [["Phone"], ...column.map((cell) => [cell])],
    keyColumn: "Phone",
    keyOf,
    seen,
    note: (text) => notes.push(text),
  });
  return { rows: Object.fromEntries([...rows].map(([row, result]) => [row, result.rowNumber])), notes };
}

describe("locateRows", () => {
  it("follows a keyed row to where it moved", () => {
    const { rows, notes } = locate(["555", "111", "222"], [pending(2, "111"), pending(3, "222")]);
    expect(rows).toEqual({ 3: 2, 4: 3 });
    expect(notes).toEqual([]);
  });
  it("sends the n-th occurrence to the n-th same-key row and notes keys gone or extra copies", () => {
    const { rows, notes } = locate(
      ["111", "111", "111"],
      [pending(2, "111", 0), pending(3, "111", 1), pending(9, "999"), pending(8, "111", 5)],
      () => 2,
    );
    expect(rows).toEqual({ 2: 2, 3: 3 });
    expect(notes).toHaveLength(3);
    expect(notes[0]).toContain("Row 2 (key 111): the key appears 3 times (rows 2, 3, 4); the result went to row 2.");
    expect(notes[1]).toContain('Row 9 (key 999): the key is no longer in column "Phone"');
    expect(notes[2]).toContain("Row 8 (key 111): duplicate row no longer in the sheet");
  });
  it("skips key cells the normalizer throws on and notes a sheet row claimed twice", () => {
    const { rows, notes } = locate(["12!3", "111"], [pending(3, "111"), pending(3, "111", 0, { seq: 40 })]);
    expect(rows).toEqual({ 3: 3 });
    expect(notes).toEqual(["Row 3 (key 111): sheet row 3 already received the result of source row 3; not written."]);
  });
});
