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
    const out = new RowOutput(sink(), undefined, started);
    const row = (n: number) => ({ rowNumber: n, values: {} });
    out.notReachedRow(0, row(2), {}, "created", "2026-11-28T09:00:00.000Z");
    out.notReachedRow(1, row(3), {}, "pending", "2026-11-29T10:00:05.000Z");
    out.notReachedRow(2, row(4), {}, undefined, undefined);
    expect([out.notReached, out.notReachedKept, out.notReachedThisRun]).toEqual([3, 1, 1]);
  });
});
