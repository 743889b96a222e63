import { describe, expect, it } from "vitest";
import { NumberForms } from "../../../../src/engine/learning/number-forms.js";
import { UpsertStrategy } from "../../../../src/engine/learning/upsert-strategy.js";
import { RowFailure } from "../../../../src/engine/shared/row-failure.js";
import { valuesHash } from "../../../../src/engine/decide/values-hash.js";
import { context, draft, fakeClient, fakeTime, memoryState, notFound, ok, syncContact } from "../fakes.js";

const added = () => ok({ chat_add_id: "add-1", chat_add_status: "pending" });

describe("syncContact", () => {
  it("updates an existing chat and journals the values as applied", async () => {
    const client = fakeClient({ chat_update_custom_fields: () => ok() });
    const ctx = context(client);
    const d = draft();
    const result = await syncContact(d, valuesHash(d), ctx, { full: false });
    expect(result).toMatchObject({ outcome: "updated", chatNumber: "5511987654321" });
    expect(client.calls.map((c) => c.action)).toEqual(["chat_update_custom_fields"]);
    expect(ctx.state.get(d.key)).toMatchObject({
      hash: valuesHash(d),
      lastOutcome: "updated",
      number: "5511987654321",
    });
  });

  it("tries the 9th-digit alternate before creating, and remembers the number that worked", async () => {
    const client = fakeClient({
      chat_update_custom_fields: (p) => (p.chat_number === "551187654321" ? ok() : notFound()),
    });
    const ctx = context(client);
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "updated", chatNumber: "551187654321" });
    expect(client.calls.map((c) => c.params.chat_number)).toEqual(["5511987654321", "551187654321"]);
  });

  it("upsert, blank add, a run with many new rows: a miss on the area code's form goes straight to chat_add", async () => {
    const client = fakeClient({
      chat_update_custom_fields: () => (client.calls.length === 1 ? notFound() : ok()),
      chat_add: added,
      chat_add_status: () => ok({ chat_add_status: "done", chat_add_status_description: "" }),
    });
    const half = new UpsertStrategy("learn", [true, false, true, false, true, false, true, false]);
    const ctx = context(client, { forms: new NumberForms(), upsert: half });
    const result = await syncContact(draft({ chatAdd: { text: "" } }), "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "created" });
    expect(client.calls.map((c) => `${c.action} ${c.params.chat_number ?? ""}`.trim())).toEqual([
      "chat_update_custom_fields 5511987654321",
      "chat_add 5511987654321",
      "chat_add_status",
      "chat_update_custom_fields 5511987654321",
    ]);
    // A run of existing chats, or one that knows nothing yet, probes the other form: an old registration there costs
    // one request more, never an add and a wait.
    for (const upsert of [new UpsertStrategy("learn", Array(8).fill(false)), new UpsertStrategy()]) {
      const other = fakeClient({
        chat_update_custom_fields: (p) => (p.chat_number === "551187654321" ? ok() : notFound()),
      });
      const found = await syncContact(
        draft({ chatAdd: { text: "" } }),
        "h",
        context(other, { forms: new NumberForms(), upsert }),
        { full: false },
      );
      expect(found).toMatchObject({ outcome: "updated", chatNumber: "551187654321" });
      expect(other.calls.map((c) => c.params.chat_number)).toEqual(["5511987654321", "551187654321"]);
    }
  });

  it("upsert: a missing chat is added (intent journaled first), polled, then updated", async () => {
    let intentBeforeAdd = false;
    const time = fakeTime();
    let updates = 0;
    const state = memoryState(time.now);
    const client = fakeClient({
      chat_update_custom_fields: () => (updates++ < 2 ? notFound() : ok()),
      chat_add: () => {
        intentBeforeAdd = state.get("5511987654321")?.addStatus === "intent";
        return added();
      },
      chat_add_status: () => ok({ chat_add_status: "done", chat_add_status_description: "" }),
    });
    const ctx = context(client, { state, now: time.now, sleep: time.sleep });
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "created", chatAddId: "add-1" });
    expect(intentBeforeAdd).toBe(true);
    expect(time.sleeps).toEqual([1000]);
    expect(state.get("5511987654321")).toMatchObject({ addStatus: "done", lastOutcome: "created", hash: "h" });
  });

  it("--no-wait leaves a fresh add pending without polling", async () => {
    const client = fakeClient({ chat_update_custom_fields: notFound, chat_add: added });
    const ctx = context(client, { waitForAdds: false });
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result).toEqual({ outcome: "pending", chatAddId: "add-1" });
    expect(ctx.state.get("5511987654321")).toMatchObject({ lastOutcome: "pending", pendingHash: "h" });
  });

  it("a corrected number from chat_add_status is used for the updates", async () => {
    const client = fakeClient({
      chat_update_custom_fields: (p) => (p.chat_number === "5511900000000" ? ok() : notFound()),
      chat_add: added,
      chat_add_status: () =>
        ok({ chat_add_status: "done", chat_add_status_description: "Número corrigido para 5511900000000" }),
    });
    const result = await syncContact(draft(), "h", context(client), { full: false });
    expect(result).toMatchObject({ outcome: "created", chatNumber: "5511900000000" });
  });

  it("is unchanged without a request when the journal holds the same values", async () => {
    const client = fakeClient({});
    const ctx = context(client);
    await ctx.state.update("5511987654321", { hash: "h", lastOutcome: "updated", number: "5511987654321" });
    expect(await syncContact(draft(), "h", ctx, { full: false })).toMatchObject({ outcome: "unchanged" });
    expect(client.calls).toEqual([]);
  });

  it("update mode with nothing mapped to send is unchanged", async () => {
    const client = fakeClient({});
    const result = await syncContact(draft({ fields: {} }), "h", context(client, { mode: "update" }), { full: false });
    expect(result.outcome).toBe("unchanged");
    expect(client.calls).toEqual([]);
  });

  it("a row problem becomes a failed outcome with a hint, journaled", async () => {
    const client = fakeClient({
      chat_update_custom_fields: () => {
        throw new RowFailure(
          "CHATGURU_FIELD_NOT_CONFIGURED",
          "field Etapa is not configured",
          "chat_update_custom_fields",
        );
      },
    });
    const ctx = context(client);
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result.outcome).toBe("failed");
    expect(result.error).toContain("Configurações → Campos Personalizados");
    expect(ctx.state.get("5511987654321")).toMatchObject({
      lastOutcome: "failed",
      errorCode: "CHATGURU_FIELD_NOT_CONFIGURED",
    });
  });

  it("update mode: a missing chat fails CHATGURU_CHAT_NOT_FOUND (no chat_add)", async () => {
    const client = fakeClient({ chat_update_custom_fields: notFound });
    const result = await syncContact(draft(), "h", context(client, { mode: "update" }), { full: false });
    expect(result).toMatchObject({ outcome: "failed", errorCode: "CHATGURU_CHAT_NOT_FOUND" });
    expect(client.calls.some((c) => c.action === "chat_add")).toBe(false);
  });

  it("forgets the old contact when the row's phone was edited", async () => {
    const client = fakeClient({ chat_update_custom_fields: () => ok() });
    const ctx = context(client);
    await ctx.state.update("k", { phone: "5511911111111", number: "5511911111111", chatAddId: "old" });
    const result = await syncContact(draft({ key: "k" }), "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "updated", chatNumber: "5511987654321" });
    expect(ctx.state.get("k")?.chatAddId).toBeUndefined();
  });

  it("a dialog is journaled before it is sent and not repeated on the next run", async () => {
    const client = fakeClient({ chat_update_custom_fields: () => ok(), dialog_execute: () => ok() });
    const ctx = context(client);
    const d = draft({ dialogId: "dlg" });
    await syncContact(d, "h1", ctx, { full: false });
    await syncContact(d, "h2", ctx, { full: false });
    expect(client.calls.filter((c) => c.action === "dialog_execute")).toHaveLength(1);
  });

  it("a note whose outcome stays unknown fails the row and is not journaled, so the next run sends it", async () => {
    let lose = true;
    const client = fakeClient({
      chat_update_custom_fields: () => ok(),
      note_add: () => {
        if (lose) throw new RowFailure("OUTCOME_UNKNOWN", "lost", "note_add");
        return ok();
      },
    });
    const ctx = context(client);
    const d = draft({ note: "hi" });
    const result = await syncContact(d, "h", ctx, { full: false });
    expect(result.outcome).toBe("failed");
    expect(ctx.state.get(d.key)?.noteHash).toBeUndefined();
    lose = false;
    const again = await syncContact(d, "h", ctx, { full: false });
    expect(again.outcome).toBe("updated");
    expect(client.calls.filter((c) => c.action === "note_add")).toHaveLength(2);
    expect(ctx.state.get(d.key)?.noteHash).toBeDefined();
  });
});
