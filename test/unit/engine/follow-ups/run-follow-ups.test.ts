import { describe, expect, it } from "vitest";
import type { ChatGuruClient } from "../../../../src/chatguru/types.js";
import { RowList } from "../../../../src/engine/job/row-list.js";
import { type FollowUpSettings } from "../../../../src/engine/job/row-context.js";
import { RowSelection } from "../../../../src/engine/shared/row-selection.js";
import { MessageBudget } from "../../../../src/engine/job/message-budget.js";
import { RowFailure } from "../../../../src/engine/shared/row-failure.js";
import type { EngineCallOptions } from "../../../../src/engine/transport/scheduled-client.js";
import { textHash, valuesHash } from "../../../../src/engine/decide/values-hash.js";
import { context, draft, fakeClient, ok, type Handler, syncContact } from "../fakes.js";

/** Like the scheduled client: runs `beforeAttempt` (the intent journal write) right before each request. */
function scheduledFake(handlers: Record<string, Handler>) {
  const inner = fakeClient(handlers);
  const client: ChatGuruClient = {
    async call(action, params, options) {
      await (options as EngineCallOptions | undefined)?.beforeAttempt?.();
      return inner.call(action, params);
    },
    close: () => undefined,
  };
  return { client, calls: inner.calls };
}

const settings = (over: Partial<FollowUpSettings> = {}): FollowUpSettings => ({
  updateName: false,
  release: RowSelection.NONE,
  resolve: RowSelection.NONE,
  lostJournal: false,
  budget: new MessageBudget(500),
  held: new RowList(),
  uncertain: new RowList(),
  ...over,
});

const withMessage = draft({ message: { text: "Oi Ana" } });
const sent = () => ok({ code: 201, message_id: "m1", message_status: "scheduled" });

describe("message step", () => {
  it("journals the intent before the request and the answer after", async () => {
    let markedFirst = false;
    const ctx = context(fakeClient({}), { followUps: settings() });
    const { client } = scheduledFake({
      chat_update_custom_fields: () => ok(),
      message_send: () => {
        markedFirst = ctx.state.get(withMessage.key)?.messageStatus === "sending";
        return sent();
      },
    });
    Object.assign(ctx, { first: client, follow: client });
    const result = await syncContact(withMessage, valuesHash(withMessage), ctx, { full: false });
    expect(markedFirst).toBe(true);
    expect(result).toMatchObject({ outcome: "updated", messageId: "m1", messageStatus: "scheduled" });
    expect(ctx.state.get(withMessage.key)).toMatchObject({ messageId: "m1", messageStatus: "scheduled" });
  });

  it("a lost answer is MESSAGE_UNCERTAIN, kept journaled, and never sent again", async () => {
    const { client, calls } = scheduledFake({
      chat_update_custom_fields: () => ok(),
      message_send: () => {
        throw new RowFailure("OUTCOME_UNKNOWN", "timeout", "message_send");
      },
    });
    const ctx = context(client, { followUps: settings() });
    const first = await syncContact(withMessage, "h", ctx, { full: false });
    expect(first).toMatchObject({ outcome: "failed", errorCode: "MESSAGE_UNCERTAIN", messageStatus: "uncertain" });
    // Every later run says so again (no request: the fields went through), until a person settles it.
    const again = await syncContact(withMessage, "h", ctx, { full: false });
    expect(again).toMatchObject({ outcome: "failed", errorCode: "MESSAGE_UNCERTAIN" });
    expect(again.error).toMatch(/--resolve 2.*--release-held 2/);
    expect(calls.map((c) => c.action)).toEqual(["chat_update_custom_fields", "message_send"]);
    // --release-held for every row never resends an uncertain send; only naming the row does.
    ctx.followUps = settings({ release: RowSelection.ALL });
    expect((await syncContact(withMessage, "h", ctx, { full: true })).errorCode).toBe("MESSAGE_UNCERTAIN");
    expect(calls.filter((c) => c.action === "message_send")).toHaveLength(1);
  });

  it("an uncertain send is settled by --resolve (nothing sent) or sent again by --release-held naming the row", async () => {
    let lose = true;
    const { client, calls } = scheduledFake({
      chat_update_custom_fields: () => ok(),
      message_send: () => {
        if (lose) throw new RowFailure("OUTCOME_UNKNOWN", "timeout", "message_send");
        return sent();
      },
    });
    const ctx = context(client, { followUps: settings() });
    expect((await syncContact(withMessage, "h", ctx, { full: false })).errorCode).toBe("MESSAGE_UNCERTAIN");
    ctx.followUps = settings({ resolve: RowSelection.of([2]) });
    expect(await syncContact(withMessage, "h", ctx, { full: false })).toMatchObject({ outcome: "updated" });
    expect(ctx.state.get(withMessage.key)?.messageStatus).toBe("checked");
    expect(calls.filter((c) => c.action === "message_send")).toHaveLength(1);

    const other = draft({ key: "5511911112222", rowNumber: 7, message: { text: "Oi Bia" } });
    ctx.followUps = settings();
    expect((await syncContact(other, "h2", ctx, { full: false })).errorCode).toBe("MESSAGE_UNCERTAIN");
    lose = false;
    ctx.followUps = settings({ release: RowSelection.of([7]) });
    expect(await syncContact(other, "h2", ctx, { full: false })).toMatchObject({ outcome: "updated", messageId: "m1" });
    expect(calls.filter((c) => c.action === "message_send")).toHaveLength(3);
    // Released: the fields are not sent again (they went through with the first run).
    expect(calls.filter((c) => c.action === "chat_update_custom_fields")).toHaveLength(2);
  });

  it("a refusal takes the mark back (nothing was sent) and gives the cap slot back", async () => {
    let refuse = true;
    const { client, calls } = scheduledFake({
      chat_update_custom_fields: () => ok(),
      message_send: () => {
        if (refuse) throw new RowFailure("CHATGURU_REJECTED", "text inválido", "message_send");
        return sent();
      },
    });
    const budget = new MessageBudget(1);
    const ctx = context(client, { followUps: settings({ budget }) });
    expect((await syncContact(withMessage, "h", ctx, { full: false })).outcome).toBe("failed");
    expect(ctx.state.get(withMessage.key)?.messageHash).toBeUndefined();
    refuse = false;
    expect((await syncContact(withMessage, "h", ctx, { full: false })).outcome).toBe("updated");
    expect(calls.filter((c) => c.action === "message_send")).toHaveLength(2);
    expect(budget.sent).toBe(1);
  });

  it("past the cap the row ends pending (MESSAGE_CAPPED) without sending", async () => {
    const { client, calls } = scheduledFake({ chat_update_custom_fields: () => ok(), message_send: sent });
    const ctx = context(client, { followUps: settings({ budget: new MessageBudget(0) }) });
    const result = await syncContact(withMessage, "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "pending", errorCode: "MESSAGE_CAPPED" });
    expect(calls.some((c) => c.action === "message_send")).toBe(false);
    // The fields went through: journaled, so the next run sends only the message.
    expect(ctx.state.get(withMessage.key)).toMatchObject({ lastOutcome: "pending", hash: "h" });
  });

  it("a journal started after a lost one holds the message and dialog of a chat that existed; release sends only those", async () => {
    const { client, calls } = scheduledFake({
      chat_update_custom_fields: () => ok(),
      message_send: sent,
      dialog_execute: () => ok(),
    });
    const d = draft({ message: { text: "Oi" }, dialogId: "dlg" });
    const ctx = context(client, { followUps: settings({ lostJournal: true }) });
    const held = await syncContact(d, "h", ctx, { full: false });
    expect(held).toMatchObject({ outcome: "pending", errorCode: "MESSAGE_HELD", messageStatus: "held" });
    // The fields went through, and the row says so.
    expect(held.syncedAt).toBeDefined();
    expect(held.error).toMatch(/dialog and message .*--release-held 2/);
    expect(calls.map((c) => c.action)).toEqual(["chat_update_custom_fields"]);
    expect(ctx.state.get(d.key)?.held).toBe(true);
    // A re-run without --release-held costs nothing.
    expect((await syncContact(d, "h", ctx, { full: false })).errorCode).toBe("MESSAGE_HELD");
    expect(calls).toHaveLength(1);
    // Another row's release does not touch this one.
    ctx.followUps = settings({ lostJournal: true, release: RowSelection.of([9]) });
    expect((await syncContact(d, "h", ctx, { full: false })).errorCode).toBe("MESSAGE_HELD");
    ctx.followUps = settings({ lostJournal: true, release: RowSelection.of([2]) });
    expect((await syncContact(d, "h", ctx, { full: false })).outcome).toBe("updated");
    expect(calls.map((c) => c.action)).toEqual(["chat_update_custom_fields", "dialog_execute", "message_send"]);
    expect(ctx.state.get(d.key)?.held).toBe(false);
    // Known from then on: next month's text is not held.
    ctx.followUps = settings({ lostJournal: true });
    const next = draft({ message: { text: "Oi de novo" }, dialogId: "dlg" });
    expect((await syncContact(next, "h3", ctx, { full: false })).outcome).toBe("updated");
  });

  it("a dialog whose answer was lost, or that a kill left `sending`, is MESSAGE_UNCERTAIN until settled", async () => {
    const { client, calls } = scheduledFake({
      chat_update_custom_fields: () => ok(),
      dialog_execute: () => {
        throw new RowFailure("OUTCOME_UNKNOWN", "timeout", "dialog_execute");
      },
    });
    const d = draft({ dialogId: "dlg" });
    const ctx = context(client, { followUps: settings() });
    const lost = await syncContact(d, "h", ctx, { full: false });
    expect(lost).toMatchObject({ outcome: "failed", errorCode: "MESSAGE_UNCERTAIN" });
    expect(lost.error).toMatch(/^dialog_execute for 5511987654321 .*its answer was lost/);
    expect(ctx.state.get(d.key)?.dialogStatus).toBe("uncertain");

    // A kill between the mark and the answer leaves `sending`.
    const killed = draft({ key: "5511922223333", rowNumber: 4, dialogId: "dlg" });
    await ctx.state.update(killed.key, {
      dialogHash: textHash("dlg"),
      dialogStatus: "sending",
      phone: killed.phone.canonical,
    });
    const seen = await syncContact(killed, "h4", ctx, { full: false });
    expect(seen.error).toMatch(/the run was killed while it was being sent.*--resolve 4/);
    expect(calls.filter((c) => c.action === "dialog_execute")).toHaveLength(1);
    ctx.followUps = settings({ resolve: RowSelection.ALL });
    expect((await syncContact(killed, "h4", ctx, { full: false })).outcome).toBe("updated");
    expect(ctx.state.get(killed.key)?.dialogStatus).toBe("checked");
  });

  it("a first run with no evidence sends to a chat that already exists", async () => {
    const { client, calls } = scheduledFake({ chat_update_custom_fields: () => ok(), message_send: sent });
    const ctx = context(client, { followUps: settings() });
    expect((await syncContact(withMessage, "h", ctx, { full: false })).outcome).toBe("updated");
    expect(calls.map((c) => c.action)).toEqual(["chat_update_custom_fields", "message_send"]);
  });

  it("a past send date stops only the message; a message already sent is not judged again", async () => {
    const { client, calls } = scheduledFake({ chat_update_custom_fields: () => ok(), message_send: sent });
    const ctx = context(client, { followUps: settings() });
    const late = draft({ message: { text: "Oi", sendDate: "2020-01-01 09:00", late: "the send date is in the past" } });
    const result = await syncContact(late, "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "failed", errorCode: "ROW_SEND_DATE_PAST", chatNumber: "5511987654321" });
    expect(result.error).toMatch(/custom fields, note and name were sent, but not the message/);
    expect(calls.map((c) => c.action)).toEqual(["chat_update_custom_fields"]);
    // Sent earlier (on time), its date passing since is normal.
    const onTime = draft({ key: "5511911113333", message: { text: "Oi", sendDate: "2030-01-01 09:00" } });
    expect((await syncContact(onTime, "h1", ctx, { full: false })).outcome).toBe("updated");
    const passed = { ...onTime, message: { ...onTime.message!, late: "in the past" } };
    expect((await syncContact(passed, "h1", ctx, { full: true })).outcome).toBe("updated");
    expect(calls.filter((c) => c.action === "message_send")).toHaveLength(1);
  });

  it("message-only mapping in update mode: the send itself finds the 9th-digit form", async () => {
    const { client, calls } = scheduledFake({
      message_send: (p) => {
        if (p.chat_number !== "551187654321") throw new RowFailure("CHATGURU_CHAT_NOT_FOUND", "Chat não existe");
        return sent();
      },
    });
    const d = draft({ fields: {}, message: { text: "Oi" } });
    const ctx = context(client, { mode: "update", followUps: settings() });
    expect(await syncContact(d, "h", ctx, { full: false })).toMatchObject({
      outcome: "updated",
      chatNumber: "551187654321",
    });
    expect(calls.map((c) => c.params.chat_number)).toEqual(["5511987654321", "551187654321"]);
  });
});

describe("valuesHash", () => {
  it("is unchanged for rows without messages (journals written before messages keep their hashes)", () => {
    // Pinned: this value was produced before message/file/context material existed. Called twice: Node 20.20's
    // one-shot crypto.hash was seen to get the first character wrong on an early call in a process (see textHash).
    valuesHash(draft());
    expect(valuesHash(draft())).toBe(PINNED);
    expect(valuesHash(draft({ message: { text: "a" } }))).not.toBe(valuesHash(draft({ message: { text: "b" } })));
    expect(valuesHash(draft({ file: { url: "https://x/a.pdf" } }))).not.toBe(valuesHash(draft()));
    expect(valuesHash(draft({ context: { Plano: "ouro" } }))).not.toBe(valuesHash(draft()));
  });
});

const PINNED = "y1Uuy3prTZbFYZztX5J_R7KmyMU";
