import { describe, expect, it } from "vitest";
import type { Text } from "../../../../src/core/text.js";
import { problemCellText } from "../../../../src/messages/problem.js";
import { english } from "../../../../src/messages/translate.js";
import { decideRow, type DecideOptions } from "../../../../src/engine/decide/decide-row.js";
import { valuesHash } from "../../../../src/engine/decide/values-hash.js";
import type { RowState } from "../../../../src/state/state-store.js";
import { draft } from "../fakes.js";

const run: DecideOptions = { only: "all", dryRun: false, full: false, mode: "upsert" };
const d = draft();
const hash = valuesHash(d);
const valid = { kind: "valid", draft: d } as const;
const journal = (state?: Partial<RowState>) => () =>
  state ? ({ key: d.key, updatedAt: "", ...state } as RowState) : undefined;
const problem = { row: 3, column: "Telefone", code: "ROW_PHONE_INVALID" as const, message: '"12345" is too short' };

describe("decideRow", () => {
  it("invalid and duplicate rows carry their error cell", () => {
    const invalid = decideRow(
      { kind: "invalid", problems: [problem, { ...problem, column: undefined as never }] },
      journal(),
      run,
    );
    expect(invalid.kind).toBe("invalid");
    expect(english((invalid as { error: Text }).error)).toBe(
      'ROW_PHONE_INVALID: column "Telefone": "12345" is too short; ROW_PHONE_INVALID: "12345" is too short',
    );
    expect(decideRow({ kind: "duplicate", draft: d, problem }, journal(), run)).toEqual({
      kind: "duplicate",
      error: problemCellText([problem]),
    });
  });

  it("a row never seen runs; one whose values were applied is unchanged (unless full)", () => {
    expect(decideRow(valid, journal(), run)).toEqual({ kind: "run", draft: d, hash });
    const applied = journal({ hash, lastOutcome: "updated" });
    expect(decideRow(valid, applied, run).kind).toBe("unchanged");
    expect(decideRow(valid, applied, { ...run, full: true }).kind).toBe("run");
    expect(decideRow(valid, journal({ hash, lastOutcome: "failed" }), run).kind).toBe("run");
  });

  it("an unchanged row whose send a kill left `sending` (an older release called it unchanged) runs, to be reported", () => {
    for (const field of ["messageStatus", "fileStatus", "dialogStatus"] as const) {
      expect(decideRow(valid, journal({ hash, lastOutcome: "updated", [field]: "sending" }), run).kind).toBe("run");
      expect(decideRow(valid, journal({ hash, lastOutcome: "updated", [field]: "uncertain" }), run).kind).toBe("run");
    }
    expect(decideRow(valid, journal({ hash, lastOutcome: "updated", messageStatus: "checked" }), run).kind).toBe(
      "unchanged",
    );
  });

  it("--retry-failed and status skip rows whose last outcome is not theirs", () => {
    const failed = journal({ lastOutcome: "failed" });
    expect(decideRow(valid, failed, { ...run, only: "failed" }).kind).toBe("run");
    expect(decideRow(valid, journal({ lastOutcome: "created" }), { ...run, only: "failed" }).kind).toBe("filtered");
    expect(decideRow(valid, journal(), { ...run, only: "pending" }).kind).toBe("filtered");
    expect(decideRow(valid, journal({ lastOutcome: "pending" }), { ...run, only: "pending" }).kind).toBe("run");
  });

  it("a dry run plans instead of running", () => {
    const dry = { ...run, dryRun: true };
    expect(decideRow(valid, journal(), dry)).toMatchObject({ kind: "plan", planned: "new", status: "would-upsert" });
    expect(decideRow(valid, journal(), { ...dry, mode: "create" })).toMatchObject({ status: "would-create" });
    expect(decideRow(valid, journal({ hash: "old", lastOutcome: "updated" }), dry)).toMatchObject({
      planned: "changed",
      status: "would-update",
    });
    expect(decideRow(valid, journal({ hash, lastOutcome: "updated" }), dry)).toMatchObject({
      planned: "unchanged",
      status: "unchanged",
    });
    expect(
      decideRow(valid, journal({ chatAddId: "a", addStatus: "pending", lastOutcome: "pending" }), dry),
    ).toMatchObject({
      planned: "retry",
      status: "would-retry",
    });
  });
});
