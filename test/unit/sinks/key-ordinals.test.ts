import { describe, expect, it } from "vitest";
import type { RowResult } from "../../../src/core/row-result.js";
import { KeyOrdinals } from "../../../src/sinks/key-ordinals.js";

const row = (seq: number, key: string, extra: Partial<RowResult> = {}): RowResult => ({
  seq,
  rowNumber: seq + 2,
  key,
  values: {},
  status: "updated",
  ...extra,
});

describe("KeyOrdinals", () => {
  it("uses the engine's keyOrdinal when given and counts it as seen", () => {
    const ordinals = new KeyOrdinals();
    expect(ordinals.of(row(0, "k", { keyOrdinal: 2 }))).toBe(2);
    expect(ordinals.seen("k")).toBe(3);
  });
  it("without keyOrdinal: the first non-duplicate is occurrence 0, the n-th duplicate occurrence n", () => {
    const ordinals = new KeyOrdinals();
    expect(ordinals.of(row(5, "k", { status: "duplicate" }))).toBe(1);
    expect(ordinals.of(row(1, "k"))).toBe(0);
    expect(ordinals.of(row(9, "k", { status: "duplicate" }))).toBe(2);
    expect(ordinals.seen("k")).toBe(3);
    expect(ordinals.seen("other")).toBe(0);
  });
  it("answers the same ordinal when a row is written again", () => {
    const ordinals = new KeyOrdinals();
    expect(ordinals.of(row(0, "k"))).toBe(0);
    expect(ordinals.of(row(1, "k"))).toBe(1);
    expect(ordinals.of(row(0, "k"))).toBe(0);
    expect(ordinals.seen("k")).toBe(2);
  });
});
