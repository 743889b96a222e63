import { describe, expect, it } from "vitest";
import { waitForChatAdd } from "../../../../src/engine/add/wait-for-add.js";
import { fakeClient, fakeTime, ok } from "../fakes.js";

const schedule = { firstMs: 1000, factor: 2, maxMs: 3000 };

function statuses(...list: string[]) {
  let i = 0;
  return fakeClient({
    chat_add_status: () =>
      ok({ chat_add_status: list[Math.min(i++, list.length - 1)], chat_add_status_description: "" }),
  });
}

describe("waitForChatAdd", () => {
  it("polls on a growing, capped schedule until the add is done", async () => {
    const time = fakeTime();
    const client = statuses("pending", "pending", "pending", "done");
    const answer = await waitForChatAdd(client, "a1", { deadline: time.now() + 60_000, schedule, ...time });
    expect(answer).toEqual({ status: "done", description: "" });
    expect(time.sleeps).toEqual([1000, 2000, 3000, 3000]);
  });

  it("resolves pending at the deadline, the last gap cut to it", async () => {
    const time = fakeTime();
    const client = statuses("pending");
    const answer = await waitForChatAdd(client, "a1", { deadline: time.now() + 4500, schedule, ...time });
    expect(answer).toEqual({ status: "pending" });
    expect(time.sleeps).toEqual([1000, 2000, 1500]);
    expect(client.calls).toHaveLength(3);
  });

  it("pollFirst looks at once; a passed deadline then leaves it pending after one look", async () => {
    const time = fakeTime();
    const client = statuses("pending");
    const answer = await waitForChatAdd(client, "a1", { deadline: time.now(), schedule, pollFirst: true, ...time });
    expect(answer).toEqual({ status: "pending" });
    expect(client.calls).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it("reports the corrected number and stops on abort", async () => {
    const time = fakeTime();
    const client = fakeClient({
      chat_add_status: () =>
        ok({ chat_add_status: "fetched", chat_add_status_description: "Número corrigido para 5511900000000" }),
    });
    const answer = await waitForChatAdd(client, "a1", { deadline: time.now() + 10_000, schedule, ...time });
    expect(answer).toMatchObject({ status: "fetched", correctedNumber: "5511900000000" });
    const stop = new AbortController();
    stop.abort(new Error("stop"));
    await expect(
      waitForChatAdd(client, "a1", { deadline: time.now() + 10_000, schedule, signal: stop.signal, ...time }),
    ).rejects.toThrow("stop");
  });
});
