import { describe, expect, it } from "vitest";
import { chatAdd, getChatAddStatus } from "../../../src/chatguru/actions.js";
import type { ChatGuruClient, ChatGuruResponse } from "../../../src/chatguru/types.js";

/** A client whose every call answers `body` (a success envelope). */
function answering(body: Record<string, unknown>): ChatGuruClient {
  return {
    call: async () => ({ code: 200, result: "success", ...body }) as ChatGuruResponse,
    close: () => undefined,
  };
}

describe("chat_add / chat_add_status answers", () => {
  it("chat_add keeps its id whatever the status says; an unknown status is pending and reported", async () => {
    await expect(
      chatAdd(answering({ chat_add_id: "a1", chat_add_status: "queued" }), { chatNumber: "5511", name: "A" }),
    ).resolves.toEqual({ chatAddId: "a1", status: "pending", unexpectedStatus: "queued" });
    await expect(chatAdd(answering({ chat_add_id: "a1" }), { chatNumber: "5511", name: "A" })).resolves.toEqual({
      chatAddId: "a1",
      status: "pending",
    });
    await expect(
      chatAdd(answering({ chat_add_id: "a1", chat_add_status: "done" }), { chatNumber: "5511", name: "A" }),
    ).resolves.toEqual({ chatAddId: "a1", status: "done" });
  });

  it.each([
    ["success", "success"],
    ["queued", "queued"],
    [undefined, "(none)"],
    [3, "3"],
  ])("chat_add_status %j is not final: pending, with the value named", async (value, named) => {
    const answer = await getChatAddStatus(answering({ chat_add_status: value }), "a1");
    expect(answer).toMatchObject({ status: "pending", unexpectedStatus: named });
  });

  it("known values pass through without a warning value", async () => {
    for (const status of ["pending", "done", "fetched", "error"]) {
      const answer = await getChatAddStatus(answering({ chat_add_status: status }), "a1");
      expect(answer.status).toBe(status);
      expect(answer.unexpectedStatus).toBeUndefined();
    }
  });
});
