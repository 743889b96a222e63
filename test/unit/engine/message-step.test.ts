import { describe, expect, it } from "vitest";
import type { ChatGuruClient } from "../../../src/chatguru/types.js";
import { syncContact } from "../../../src/engine/contact-task.js";
import type { FollowUpSettings } from "../../../src/engine/held-actions.js";
import { MessageBudget } from "../../../src/engine/message-budget.js";
import { RowFailure } from "../../../src/engine/row-failure.js";
import type { EngineCallOptions } from "../../../src/engine/scheduled-client.js";
import { valuesHash } from "../../../src/engine/values-hash.js";
import { context, draft, fakeClient, ok, type Handler } from "./fakes.js";

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
  releaseHeld: false,
  journalFresh: false,
  budget: new MessageBudget(500),
  held: { rows: 0 },
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
    const again = await syncContact(withMessage, "h", ctx, { full: true });
    expect(again.outcome).toBe("updated");
    expect(calls.filter((c) => c.action === "message_send")).toHaveLength(1);
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
    expect(ctx.state.get(withMessage.key)).toMatchObject({ lastOutcome: "pending", pendingHash: "h" });
  });

  it("a fresh journal holds the message and the dialog of a chat that already existed", async () => {
    const { client, calls } = scheduledFake({
      chat_update_custom_fields: () => ok(),
      message_send: sent,
      dialog_execute: () => ok(),
    });
    const d = draft({ message: { text: "Oi" }, dialogId: "dlg" });
    const ctx = context(client, { followUps: settings({ journalFresh: true }) });
    expect(await syncContact(d, "h", ctx, { full: false })).toMatchObject({
      outcome: "pending",
      errorCode: "MESSAGE_HELD",
    });
    expect(calls.map((c) => c.action)).toEqual(["chat_update_custom_fields"]);
    expect(ctx.state.get(d.key)?.held).toBe(true);
    ctx.followUps = settings({ releaseHeld: true });
    expect((await syncContact(d, "h", ctx, { full: false })).outcome).toBe("updated");
    expect(calls.map((c) => c.action)).toContain("dialog_execute");
    expect(ctx.state.get(d.key)?.held).toBeUndefined();
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
