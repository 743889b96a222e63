import { describe, expect, it } from "vitest";
import { NumberForms } from "../../../../src/engine/learning/number-forms.js";
import { rowRequests } from "../../../../src/engine/decide/row-requests.js";
import { PlanTally } from "../../../../src/engine/run/plan-tally.js";
import { textHash } from "../../../../src/engine/decide/values-hash.js";
import { planLines, roughDuration } from "../../../../src/cli/render-plan.js";
import { draft } from "../fakes.js";

describe("rowRequests (the minimum requests per row)", () => {
  it("new: add + poll + update (+ note, dialog, message); update mode: 1; changed: 1; unchanged: 0", () => {
    const d = draft({ note: "n", dialogId: "dlg", message: { text: "oi" } });
    expect(rowRequests("new", d, undefined, "upsert")).toBe(6);
    expect(rowRequests("new", draft(), undefined, "create")).toBe(3);
    expect(rowRequests("new", draft({ fields: {} }), undefined, "create")).toBe(2);
    expect(rowRequests("new", draft(), undefined, "update")).toBe(1);
    expect(rowRequests("changed", draft(), undefined, "upsert")).toBe(1);
    expect(rowRequests("unchanged", d, undefined, "upsert")).toBe(0);
    // A note or dialog the journal already holds is not sent again.
    const prior = { key: "k", noteHash: textHash("n"), dialogHash: textHash("dlg") } as never;
    expect(rowRequests("changed", d, prior, "upsert")).toBe(1);
  });
});

describe("PlanTally: an upsert's rows the journal does not know", () => {
  const blank = (extra = {}) => draft({ chatAdd: { text: " " }, ...extra });
  const upsert = (tally: PlanTally, d = blank()) =>
    tally.add(rowRequests("new", d, undefined, "upsert"), d, "would-upsert", "new");

  it("knowing nothing: counted new, the first four probed once before their add; a visible add probes both forms", () => {
    const tally = new PlanTally();
    for (let i = 0; i < 10; i++) upsert(tally);
    expect(tally.requests).toBe(10 * 3 + 4);
    upsert(tally, draft());
    expect(tally.requests).toBe(34 + 5);
  });

  it("a chat_add dialog costs a new chat its dialog_execute (the add goes blank)", () => {
    const tally = new PlanTally({ newShare: 1, forms: new NumberForms() });
    upsert(tally, blank({ chatAdd: { text: " ", dialogId: "d" } }));
    expect(tally.requests).toBe(4);
  });

  it("from the last run's share of new rows: all existing ≈ 1 each, all new 3, half and half 2.5 and a little", () => {
    const forms = new NumberForms();
    const existing = new PlanTally({ newShare: 0, forms });
    for (let i = 0; i < 100; i++) upsert(existing);
    // An old registration under the other form (10 % before any answer) costs a probe more.
    expect(existing.estimate(Infinity, 4).requests).toBe(110);
    const fresh = new PlanTally({ newShare: 1, forms });
    for (let i = 0; i < 100; i++) upsert(fresh);
    expect(fresh.estimate(Infinity, 4).requests).toBe(300);
    const half = new PlanTally({ newShare: 0.5, forms });
    for (let i = 0; i < 100; i++) upsert(half);
    // New 4 (a probe, add, poll, update), existing 1, an old registration 4 (added: it is likely a new chat).
    expect(half.estimate(Infinity, 4).requests).toBe(265);
  });
});

describe("PlanTally and its rendering", () => {
  it("sums requests, keeps the first three rows that send something, with API field names", () => {
    const tally = new PlanTally();
    tally.add(0, draft({ rowNumber: 2 }), "unchanged");
    for (let n = 3; n < 8; n++)
      tally.add(3, draft({ rowNumber: n, fields: { "Etapa do funil": `v${n}` } }), "would-create");
    expect(tally.requests).toBe(15);
    expect(tally.preview.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(tally.preview[0]!.fields).toEqual({ field__Etapa_do_funil: "v3" });
    expect(tally.estimate(5, 4)).toEqual({ requests: 15, seconds: 3, rate: 5, concurrency: 4 });
    expect(tally.estimate(Infinity, 4)).toEqual({ requests: 15, concurrency: 4 });
    const lines = planLines({
      new: 5,
      changed: 0,
      unchanged: 1,
      retry: 0,
      estimate: tally.estimate(5, 4),
      preview: tally.preview,
    });
    expect(lines[1]).toContain("about 15 requests, ≈ 3 s at --rate 5");
    expect(lines[3]).toBe('    row 3 (would-create): 5511987654321 "Ana" · field__Etapa_do_funil="v3"');
  });

  it("roughDuration reads like a person would say it", () => {
    expect(roughDuration(0.2)).toBe("1 s");
    expect(roughDuration(45)).toBe("45 s");
    expect(roughDuration(122)).toBe("2 min");
    expect(roughDuration(3900)).toBe("1 h 05 min");
  });
});
