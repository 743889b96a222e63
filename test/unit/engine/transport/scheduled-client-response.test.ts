import { describe, expect, it } from "vitest";
import { ChatGuruApiError, ChatGuruTimeoutError } from "../../../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../../../src/chatguru/types.js";
import type { SyncEvent } from "../../../../src/engine/shared/events.js";
import { RequestQueue } from "../../../../src/engine/transport/request-queue.js";
import { DEFAULT_RETRY_POLICY } from "../../../../src/engine/transport/retry-policy.js";
import { rowServices } from "../../../../src/engine/job/row-clients.js";
import { Priority } from "../../../../src/engine/transport/request-queue.js";
import { context } from "../fakes.js";
import { ScheduledClient } from "../../../../src/engine/transport/scheduled-client.js";

function setup(answers: Array<Error | number>) {
  const events: SyncEvent[] = [];
  let n = 0;
  const client: ChatGuruClient = {
    async call() {
      const next = answers[Math.min(n++, answers.length - 1)]!;
      if (next instanceof Error) throw next;
      return { code: next, result: "success" };
    },
    close: () => undefined,
  };
  const scheduled = new ScheduledClient({
    client,
    // concurrency 1: the second row's call waits in the queue and is started by the first one's completion.
    queue: new RequestQueue({ concurrency: 1, rate: Infinity }),
    policy: { ...DEFAULT_RETRY_POLICY },
    random: () => 0,
    sleep: async () => undefined,
    onEvent: (e) => events.push(e),
  });
  const responses = () => events.filter((e) => e.type === "response");
  return { scheduled, responses };
}

describe("ScheduledClient response events (--verbose)", () => {
  it("name the row whose call it was, its HTTP status and latency — also when the queue ran it later", async () => {
    const { scheduled, responses } = setup([201, 200]);
    // Each row gets its own views of the run's clients (rowServices), as runRow gives them.
    const run = context(scheduled.at(Priority.NEW_ROW), { follow: scheduled.at(Priority.FOLLOW_UP) });
    await Promise.all([
      rowServices(run, 7).first.call("chat_add", { key: "secret" }),
      rowServices(run, 9).follow.call("note_add", { key: "secret" }),
    ]);
    expect(responses()).toEqual([
      { type: "response", action: "chat_add", attempt: 1, rowNumber: 7, status: 201, ms: expect.any(Number) },
      { type: "response", action: "note_add", attempt: 1, rowNumber: 9, status: 200, ms: expect.any(Number) },
    ]);
    expect(JSON.stringify(responses())).not.toContain("secret");
  });

  it("a failed attempt carries its status and error code; a retry says its attempt; no answer has no status", async () => {
    const http503 = new ChatGuruApiError({ action: "note_add", httpStatus: 503, description: "busy" });
    const timeout = new ChatGuruTimeoutError({
      action: "note_add",
      endpoint: "http://127.0.0.1/api/v1",
      timeoutMs: 10,
    });
    const { scheduled, responses } = setup([http503, timeout, 200]);
    await scheduled.call("chat_update_custom_fields", {});
    const [first, second, third] = responses();
    expect(first).toMatchObject({ attempt: 1, status: 503, code: "CHATGURU_SERVER_ERROR" });
    expect(first).not.toHaveProperty("rowNumber");
    expect(second).toMatchObject({ attempt: 2, code: "CHATGURU_TIMEOUT" });
    expect(second).not.toHaveProperty("status");
    expect(third).toMatchObject({ attempt: 3, status: 200 });
    expect(third).not.toHaveProperty("code");
  });
});
