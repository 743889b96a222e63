import { describe, expect, it } from "vitest";
import { planRow } from "../../../../src/engine/decide/plan-row.js";
import { isUnchanged } from "../../../../src/engine/decide/is-unchanged.js";
import type { RowState } from "../../../../src/state/state-store.js";

const state = (s: Partial<RowState>): RowState => ({ key: "k", updatedAt: "", ...s });

describe("plan", () => {
  it("isUnchanged: same hash after a success, unless full", () => {
    for (const lastOutcome of ["created", "updated", "unchanged"] as const) {
      expect(isUnchanged(state({ hash: "h", lastOutcome }), "h", false)).toBe(true);
    }
    expect(isUnchanged(state({ hash: "h", lastOutcome: "updated" }), "h", true)).toBe(false);
    expect(isUnchanged(state({ hash: "h", lastOutcome: "failed" }), "h", false)).toBe(false);
    expect(isUnchanged(state({ hash: "h" }), "h", false)).toBe(false);
    expect(isUnchanged(undefined, "h", false)).toBe(false);
  });

  it("planRow: new, retry, unchanged, changed", () => {
    expect(planRow(undefined, "h", false)).toBe("new");
    expect(planRow(state({}), "h", false)).toBe("new");
    expect(planRow(state({ hash: "h", addStatus: "uncertain" }), "h", false)).toBe("retry");
    expect(planRow(state({ chatAddId: "a", addStatus: "intent" }), "h", false)).toBe("retry");
    expect(planRow(state({ hash: "h", lastOutcome: "failed" }), "h", false)).toBe("retry");
    expect(planRow(state({ hash: "h", lastOutcome: "updated" }), "h", false)).toBe("unchanged");
    expect(planRow(state({ hash: "h", lastOutcome: "updated" }), "h", true)).toBe("changed");
    expect(planRow(state({ hash: "old", lastOutcome: "updated" }), "h", false)).toBe("changed");
  });
});
