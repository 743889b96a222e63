import { describe, expect, it } from "vitest";
import { RowFailure } from "../../../../src/engine/shared/row-failure.js";
import { MAX_BLANK_READDS } from "../../../../src/engine/add/uncertain-add.js";
import { context, draft, fakeClient, fakeTime, memoryState, notFound, ok, syncContact } from "../fakes.js";

const lostAdd = () => {
  throw new RowFailure("ADD_OUTCOME_UNKNOWN", "no answer", "chat_add");
};

function setup(handlers: Parameters<typeof fakeClient>[0]) {
  const time = fakeTime();
  const state = memoryState(time.now);
  const client = fakeClient(handlers);
  const waits: boolean[] = [];
  const ctx = context(client, {
    state,
    now: time.now,
    sleep: time.sleep,
    onAddWait: (w) => waits.push(w),
  });
  return { time, state, client, ctx, waits };
}

describe("uncertain chat_add", () => {
  it("probes with updates until the chat shows up: created, the add not resent", async () => {
    let probes = 0;
    const { client, ctx, time } = setup({
      chat_update_custom_fields: () => (probes++ < 4 ? notFound() : ok()),
      chat_add: lostAdd,
    });
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result.outcome).toBe("created");
    expect(client.calls.filter((c) => c.action === "chat_add")).toHaveLength(1);
    // 2 numbers tried before the add, then one probe round (2 numbers) that misses, a wait, and a hit.
    expect(time.sleeps).toEqual([1000]);
    expect(ctx.state.get("5511987654321")).toMatchObject({ addStatus: "done", lastOutcome: "created" });
  });

  it("a real first message is never resent: ADD_UNCERTAIN once the probe window is over", async () => {
    const { client, ctx, time, waits } = setup({ chat_update_custom_fields: notFound, chat_add: lostAdd });
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "failed", errorCode: "ADD_UNCERTAIN" });
    expect(result.error).toContain("it sends real WhatsApp messages (its text)");
    expect(client.calls.filter((c) => c.action === "chat_add")).toHaveLength(1);
    // Gaps grow by the poll factor, capped, and stop at the 5 s window.
    expect(time.sleeps).toEqual([1000, 2000, 2000]);
    expect(waits).toEqual([true, false]);
    expect(ctx.state.get("5511987654321")?.addStatus).toBe("uncertain");
  });

  it("a blank add with nothing to update is re-added, at most MAX_BLANK_READDS times", async () => {
    const { client, ctx } = setup({ chat_add: lostAdd });
    const result = await syncContact(draft({ fields: {}, chatAdd: { text: " " } }), "h", ctx, { full: false });
    expect(result).toMatchObject({ outcome: "failed", errorCode: "ADD_UNCERTAIN" });
    expect(result.error).toContain(`its answers were lost ${MAX_BLANK_READDS + 1} times`);
    expect(client.calls.filter((c) => c.action === "chat_add")).toHaveLength(MAX_BLANK_READDS + 1);
  });

  it("resumes an add journaled as intent by a crashed run: probes first, never adds blindly", async () => {
    const { client, ctx } = setup({ chat_update_custom_fields: () => ok() });
    await ctx.state.update("5511987654321", { addStatus: "intent", pendingHash: "h" });
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result.outcome).toBe("created");
    expect(client.calls.map((c) => c.action)).toEqual(["chat_update_custom_fields"]);
  });

  it("the probe window counts from the journal's last touch (time down counts too)", async () => {
    const { client, ctx, time } = setup({ chat_update_custom_fields: notFound });
    await ctx.state.update("5511987654321", { addStatus: "uncertain" });
    await time.sleep(60_000);
    const result = await syncContact(draft(), "h", ctx, { full: false });
    expect(result.errorCode).toBe("ADD_UNCERTAIN");
    expect(time.sleeps).toEqual([60_000]);
    expect(client.calls.some((c) => c.action === "chat_add")).toBe(false);
  });
});
