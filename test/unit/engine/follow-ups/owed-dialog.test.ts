import { describe, expect, it } from "vitest";
import { RowFailure } from "../../../../src/engine/shared/row-failure.js";
import { context, draft, fakeClient, notFound, ok, syncContact } from "../fakes.js";

/** A mapping with a chat_add dialog (a welcome flow for new leads), in upsert. */
const lead = () => draft({ chatAdd: { text: " ", dialogId: "boas-vindas" } });
const settled =
  (status: "done" | "fetched", description = "") =>
  () =>
    ok({ chat_add_status: status, chat_add_status_description: description });

describe("a chat_add dialog deferred by an upsert's blank add", () => {
  it("done: chat_add goes without dialog_id, dialog_execute follows once, after the fields", async () => {
    const client = fakeClient({
      chat_update_custom_fields: () => (client.calls.some((c) => c.action === "chat_add") ? ok() : notFound()),
      chat_add: () => ok({ chat_add_id: "a1", chat_add_status: "pending" }),
      chat_add_status: settled("done"),
      dialog_execute: () => ok(),
    });
    const ctx = context(client);
    const result = await syncContact(lead(), "h", ctx, { full: false });
    expect(result.outcome).toBe("created");
    const add = client.calls.find((c) => c.action === "chat_add")!;
    expect(add.params.dialog_id).toBeUndefined();
    expect(client.calls.map((c) => c.action).slice(-2)).toEqual(["chat_update_custom_fields", "dialog_execute"]);
    expect(client.calls.filter((c) => c.action === "dialog_execute")[0]!.params.dialog_id).toBe("boas-vindas");
    expect(ctx.state.get("5511987654321")?.addDialogOwed).toBeUndefined();
  });

  it("fetched: the chat existed, so the new-lead dialog is not run (ChatGuru would not have run it either)", async () => {
    const client = fakeClient({
      chat_update_custom_fields: (p) =>
        client.calls.some((c) => c.action === "chat_add") && p.chat_number === "551187654321" ? ok() : notFound(),
      chat_add: () => ok({ chat_add_id: "a1", chat_add_status: "pending" }),
      chat_add_status: settled("fetched", "Chat já existente. Número corrigido para 551187654321"),
      dialog_execute: () => ok(),
    });
    const ctx = context(client);
    const result = await syncContact(lead(), "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "updated", chatNumber: "551187654321" });
    expect(client.calls.some((c) => c.action === "dialog_execute")).toBe(false);
    expect(ctx.state.get("5511987654321")?.addDialogOwed).toBeUndefined();
  });

  it("a run stopped between the add and its dialog: the next run runs it once", async () => {
    const client = fakeClient({ chat_update_custom_fields: () => ok(), dialog_execute: () => ok() });
    const ctx = context(client);
    await ctx.state.update("5511987654321", {
      phone: "5511987654321",
      number: "5511987654321",
      addStatus: "done",
      addDialogOwed: true,
      pendingHash: "h",
      lastOutcome: "pending",
    });
    expect((await syncContact(lead(), "h", ctx, { full: false })).outcome).toBe("updated");
    expect((await syncContact(lead(), "h2", ctx, { full: false })).outcome).toBe("updated");
    expect(client.calls.filter((c) => c.action === "dialog_execute")).toHaveLength(1);
  });

  it("a dialog ChatGuru refused is owed again; one whose answer was lost is uncertain, never sent again", async () => {
    let answer: "refuse" | "lose" = "refuse";
    const client = fakeClient({
      chat_update_custom_fields: () => ok(),
      dialog_execute: () => {
        if (answer === "refuse") throw new RowFailure("CHATGURU_REJECTED", "recusado", "dialog_execute");
        throw new RowFailure("OUTCOME_UNKNOWN", "lost", "dialog_execute");
      },
    });
    const ctx = context(client);
    const owed = { phone: "5511987654321", number: "5511987654321", addStatus: "done", addDialogOwed: true } as const;
    await ctx.state.update("5511987654321", owed);
    expect((await syncContact(lead(), "h", ctx, { full: false })).outcome).toBe("failed");
    expect(ctx.state.get("5511987654321")).toMatchObject({ addDialogOwed: true });
    expect(ctx.state.get("5511987654321")?.dialogStatus).toBeUndefined();
    answer = "lose";
    expect(await syncContact(lead(), "h", ctx, { full: false })).toMatchObject({
      outcome: "failed",
      errorCode: "MESSAGE_UNCERTAIN",
    });
    expect(ctx.state.get("5511987654321")).toMatchObject({ dialogStatus: "uncertain" });
    expect(await syncContact(lead(), "h2", ctx, { full: false })).toMatchObject({ errorCode: "MESSAGE_UNCERTAIN" });
    expect(client.calls.filter((c) => c.action === "dialog_execute")).toHaveLength(2);
  });

  it("create mode keeps the dialog in chat_add", async () => {
    const client = fakeClient({
      chat_update_custom_fields: () => ok(),
      chat_add: () => ok({ chat_add_id: "a1", chat_add_status: "pending" }),
      chat_add_status: settled("done"),
    });
    await syncContact(lead(), "h", context(client, { mode: "create" }), { full: false });
    expect(client.calls.find((c) => c.action === "chat_add")!.params.dialog_id).toBe("boas-vindas");
    expect(client.calls.some((c) => c.action === "dialog_execute")).toBe(false);
  });
});
