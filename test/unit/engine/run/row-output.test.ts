import { describe, expect, it } from "vitest";
import type { RowResult } from "../../../../src/core/row-result.js";
import { RowOutput } from "../../../../src/engine/run/row-output.js";
import type { Sink } from "../../../../src/sinks/sink.js";

const sink = (): Sink & { rows: RowResult[] } => {
  const rows: RowResult[] = [];
  return {
    rows,
    write: (r) => void rows.push(r),
    close: async () => ({ location: "x" }),
    discard: async () => undefined,
  };
};

describe("RowOutput: rows a stopped run did not reach", () => {
  it("a journal result older than the run is kept from an earlier run; one this run wrote is not", () => {
    const started = Date.parse("2026-11-29T10:00:00.000Z");
    const out = new RowOutput(sink(), { startedAt: started });
    const row = (seq: number, n: number) => ({ seq, row: { rowNumber: n, values: {} } });
    out.notReachedRow(row(0, 2), {}, { status: "created", updatedAt: "2026-11-28T09:00:00.000Z" });
    out.notReachedRow(row(1, 3), {}, { status: "pending", updatedAt: "2026-11-29T10:00:05.000Z" });
    out.notReachedRow(row(2, 4), {}, { status: undefined, updatedAt: undefined });
    expect([out.notReached, out.notReachedKept, out.notReachedThisRun]).toEqual([3, 1, 1]);
  });
});
