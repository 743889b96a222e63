import { describe, expect, it } from "vitest";
import { ConfigGate } from "../../../../src/engine/learning/config-gate.js";
import { draft } from "../fakes.js";

const row = (n: number) => draft({ key: `k${n}`, rowNumber: n + 1 });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("ConfigGate", () => {
  it("lets `limit` rows add on an unproven mapping; the next waits until one finishes", async () => {
    const gate = new ConfigGate(2);
    await gate.beforeAdd(row(1));
    await gate.beforeAdd(row(2));
    let third = false;
    void gate.beforeAdd(row(3)).then(() => (third = true));
    await settle();
    expect(third).toBe(false);
    gate.rowDone("k1", "failed");
    await settle();
    expect(third).toBe(true);
  });

  it("the first created/updated row opens it for everyone waiting and every later row", async () => {
    const gate = new ConfigGate(1);
    await gate.beforeAdd(row(1));
    const waiting = [gate.beforeAdd(row(2)), gate.beforeAdd(row(3))];
    expect(gate.holds("k1")).toBe(true); // the run waits on row 1's add
    expect(gate.holds("k2")).toBe(false);
    gate.rowDone("k9", "updated");
    await Promise.all(waiting);
    await gate.beforeAdd(row(4));
    expect(gate.holds("k1")).toBe(false);
  });

  it("the same row passes again (a re-add) and a row with nothing ChatGuru could reject never waits", async () => {
    const gate = new ConfigGate(1);
    await gate.beforeAdd(row(1));
    await gate.beforeAdd(row(1));
    await gate.beforeAdd(draft({ key: "plain", fields: {} }));
  });

  it("a run stop wakes the waiters with the stop's reason (the row ends not reached)", async () => {
    const controller = new AbortController();
    const gate = new ConfigGate(1, controller.signal);
    await gate.beforeAdd(row(1));
    const waiting = gate.beforeAdd(row(2));
    const reason = new Error("config");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it("custom fields ChatGuru accepted let through the rows that send only those, whatever their adds say", async () => {
    const gate = new ConfigGate(1);
    await gate.beforeAdd(row(1));
    let second = false;
    void gate.beforeAdd(row(2)).then(() => (second = true));
    const other = draft({ key: "k3", fields: { Etapa: "x", Email: "a@b" } });
    const dialog = draft({ key: "k4", dialogId: "dlg-1" });
    let third = false;
    let fourth = false;
    void gate.beforeAdd(other).then(() => (third = true));
    void gate.beforeAdd(dialog).then(() => (fourth = true));
    await settle();
    gate.fieldsAccepted(["Etapa"]);
    await settle();
    // Row 2 sends only Etapa: through, holding nothing. Row 1 no longer holds the place either, so row 3 (Email too,
    // not proven) takes it; row 4 (a dialog, not proven) waits for it.
    expect([second, third, fourth]).toEqual([true, true, false]);
    expect(gate.holds("k1")).toBe(false);
    expect(gate.holds("k2")).toBe(false);
    expect(gate.holds("k3")).toBe(true);
    expect(gate.needsProof(row(9))).toBe(false);
    expect(gate.needsProof(other)).toBe(true);
  });

  it("release hands an add's place to the next row (an undocumented status word proves nothing)", async () => {
    const gate = new ConfigGate(1);
    await gate.beforeAdd(row(1));
    let second = false;
    void gate.beforeAdd(row(2)).then(() => (second = true));
    await settle();
    expect(second).toBe(false);
    gate.release("k1");
    await settle();
    expect(second).toBe(true);
    expect(gate.holds("k1")).toBe(false);
    expect(gate.holds("k2")).toBe(true);
  });

  describe("dialog ids", () => {
    it("one dialog_execute proves an id at a time; ChatGuru running it lets every waiting row go", async () => {
      const gate = new ConfigGate(4);
      await gate.beforeDialog("dlg", "k1");
      let second = false;
      void gate.beforeDialog("dlg", "k2").then(() => (second = true));
      await gate.beforeDialog("other", "k3"); // another id is not held up by this one
      await settle();
      expect(second).toBe(false);
      gate.dialogRan("dlg");
      await settle();
      expect(second).toBe(true);
      await gate.beforeDialog("dlg", "k4"); // proved: never waits again
    });

    it("a dialog_execute that did not run keeps its place until its row is done", async () => {
      const gate = new ConfigGate(4);
      await gate.beforeDialog("dlg", "k1");
      let second = false;
      void gate.beforeDialog("dlg", "k2").then(() => (second = true));
      await settle();
      expect(second).toBe(false);
      gate.rowDone("k1", "failed");
      await settle();
      expect(second).toBe(true);
    });

    it("a stop while rows wait on a refused id sends none of theirs: they reject with the stop's reason", async () => {
      const stop = new AbortController();
      const gate = new ConfigGate(4, stop.signal);
      await gate.beforeDialog("dlg", "k1");
      const waiting = gate.beforeDialog("dlg", "k2");
      stop.abort(new Error("unknown dialog"));
      gate.rowDone("k1", "failed");
      await expect(waiting).rejects.toThrow("unknown dialog");
    });
  });
});
