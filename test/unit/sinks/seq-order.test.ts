import { describe, expect, it } from "vitest";
import type { RowResult } from "../../../src/core/row-result.js";
import { SeqOrder } from "../../../src/sinks/seq-order.js";

const row = (seq: number): RowResult => ({ seq, rowNumber: seq + 2, values: {} });
const seqs = (rows: RowResult[]) => rows.map((r) => r.seq);

describe("SeqOrder", () => {
  it("releases results in seq order as the gaps fill", () => {
    const order = new SeqOrder();
    expect(seqs(order.add(row(1)))).toEqual([]);
    expect(seqs(order.add(row(2)))).toEqual([]);
    expect(seqs(order.add(row(0)))).toEqual([0, 1, 2]);
    expect(seqs(order.add(row(3)))).toEqual([3]);
  });
  it("drains what is held past a gap, in order, once", () => {
    const order = new SeqOrder();
    order.add(row(7));
    order.add(row(5));
    expect(seqs(order.drain())).toEqual([5, 7]);
    expect(order.drain()).toEqual([]);
  });
  it("refuses a seq written twice, released or still held", () => {
    const order = new SeqOrder();
    order.add(row(0));
    order.add(row(4));
    expect(() => order.add(row(0))).toThrow("results row seq 0 written twice");
    expect(() => order.add(row(4))).toThrow("results row seq 4 written twice");
  });
});
