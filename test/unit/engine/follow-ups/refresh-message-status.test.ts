import { describe, expect, it } from "vitest";
import { ChatGuruApiError } from "../../../../src/chatguru/errors.js";
import { refreshMessageStatus } from "../../../../src/engine/follow-ups/refresh-message-status.js";
import { RunAbortedError } from "../../../../src/errors.js";
import { fakeClient, memoryState, ok } from "../fakes.js";

const KEY = "5511987654321";

async function journalWithBoth() {
  const state = memoryState();
  const prior = await state.update(KEY, {
    messageHash: "h1",
    messageId: "msg-1",
    messageStatus: "scheduled",
    fileHash: "h2",
    fileId: "file-1",
    fileStatus: "scheduled",
  });
  return { state, prior };
}

describe("status: refreshing a row's message and file status", () => {
  it("keeps the message's fresh status when the file's lookup fails (and says what failed)", async () => {
    const { state, prior } = await journalWithBoth();
    const client = fakeClient({
      message_status: (params) => {
        if (params.message_id === "msg-1") return ok({ message_status: "sent" });
        throw new ChatGuruApiError({
          action: "message_status",
          httpStatus: 400,
          description: "Mensagem não encontrada",
        });
      },
    });
    const outcome = await refreshMessageStatus({ key: KEY, prior }, client, state);
    expect(outcome.state).toMatchObject({ messageStatus: "sent", fileStatus: "scheduled" });
    expect(state.get(KEY)).toMatchObject({ messageStatus: "sent", fileStatus: "scheduled" });
    expect(outcome.error).toBeInstanceOf(ChatGuruApiError);
  });

  it("keeps the file's fresh status when the message's lookup fails", async () => {
    const { state, prior } = await journalWithBoth();
    const client = fakeClient({
      message_status: (params) => {
        if (params.message_id === "file-1") return ok({ message_status: "sent" });
        throw new ChatGuruApiError({ action: "message_status", httpStatus: 502, description: "Bad Gateway" });
      },
    });
    const outcome = await refreshMessageStatus({ key: KEY, prior }, client, state);
    expect(state.get(KEY)).toMatchObject({ messageStatus: "scheduled", fileStatus: "sent" });
    expect(outcome.error).toBeDefined();
  });

  it("a run-level stop skips the lookups still to make", async () => {
    const { state, prior } = await journalWithBoth();
    const client = fakeClient({
      message_status: () => {
        throw new RunAbortedError("CHATGURU_AUTH", "credentials refused");
      },
    });
    const outcome = await refreshMessageStatus({ key: KEY, prior }, client, state);
    expect(client.calls).toHaveLength(1);
    expect(outcome.error).toBeInstanceOf(RunAbortedError);
    expect(outcome.state).toBe(prior);
  });
});
