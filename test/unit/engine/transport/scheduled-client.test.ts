import { describe, expect, it, vi } from "vitest";
import {
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruRateLimitError,
  ChatGuruRedirectError,
  ChatGuruTimeoutError,
} from "../../../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../../../src/chatguru/types.js";
import type { SyncEvent } from "../../../../src/engine/shared/events.js";
import { RequestQueue } from "../../../../src/engine/transport/request-queue.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../../../src/engine/transport/retry-policy.js";
import { ScheduledClient } from "../../../../src/engine/transport/scheduled-client.js";
import { ok } from "../fakes.js";

/** A one-attempt client that answers from a script: an Error is thrown, anything else returned. */
function scripted(script: Array<unknown>): ChatGuruClient & { count: number } {
  const client = {
    count: 0,
    async call() {
      const next = script[Math.min(client.count++, script.length - 1)];
      if (next instanceof Error) throw next;
      return ok();
    },
    close: () => undefined,
  };
  return client;
}

function setup(script: unknown[], policy: Partial<RetryPolicy> = {}) {
  const sleeps: number[] = [];
  const events: SyncEvent[] = [];
  const queue = new RequestQueue({ concurrency: 2, rate: Infinity });
  const client = scripted(script);
  const scheduled = new ScheduledClient({
    client,
    queue,
    policy: { ...DEFAULT_RETRY_POLICY, ...policy },
    random: () => 0,
    sleep: async (ms) => void sleeps.push(ms),
    onEvent: (e) => events.push(e),
  });
  return { scheduled, client, sleeps, events, queue };
}

const http500 = (action = "chat_update_custom_fields") =>
  new ChatGuruApiError({ action, httpStatus: 500, description: "Internal Server Error" });

describe("ScheduledClient", () => {
  it("retries a 5xx with backoff outside the queue, then succeeds", async () => {
    const { scheduled, client, sleeps, events } = setup([http500(), http500(), "ok"]);
    await expect(scheduled.call("chat_update_custom_fields", {})).resolves.toMatchObject({ result: "success" });
    expect(client.count).toBe(3);
    expect(sleeps).toEqual([250, 500]);
    expect(scheduled.requests).toEqual({ total: 3, retries: 2, byAction: { chat_update_custom_fields: 3 } });
    expect(events.filter((e) => e.type === "retry")).toHaveLength(2);
  });

  it("lateParams decides the params inside the slot, on every attempt, and the client gets no engine options", async () => {
    const seen: Array<{ params: Record<string, string>; options: unknown }> = [];
    let attempts = 0;
    const client: ChatGuruClient = {
      async call(_action, params, options) {
        seen.push({ params, options });
        if (attempts++ === 0) throw http500();
        return ok();
      },
      close: () => undefined,
    };
    const scheduled = new ScheduledClient({
      client,
      queue: new RequestQueue({ concurrency: 1, rate: Infinity }),
      policy: DEFAULT_RETRY_POLICY,
      random: () => 0,
      sleep: async () => undefined,
    });
    let late = 0;
    const lateParams = (p: Record<string, string>) => ({ ...p, chat_number: `late-${++late}` });
    await scheduled.call("chat_update_custom_fields", { chat_number: "planned" }, undefined, { lateParams } as never);
    expect(seen.map((s) => s.params.chat_number)).toEqual(["late-1", "late-2"]);
    expect(seen.every((s) => !("lateParams" in (s.options as object)))).toBe(true);
  });

  it("gives up after maxAttempts as the row's CHATGURU_UNAVAILABLE", async () => {
    const { scheduled, client } = setup([http500()], { maxAttempts: 3 });
    await expect(scheduled.call("chat_update_custom_fields", {})).rejects.toMatchObject({
      name: "RowFailure",
      code: "CHATGURU_UNAVAILABLE",
    });
    expect(client.count).toBe(3);
  });

  it("a chat_add whose answer was lost is never resent", async () => {
    const lost = new ChatGuruTimeoutError({ action: "chat_add", endpoint: "http://127.0.0.1", timeoutMs: 10 });
    const { scheduled, client } = setup([lost, "ok"]);
    await expect(scheduled.call("chat_add", {})).rejects.toMatchObject({ code: "ADD_OUTCOME_UNKNOWN" });
    expect(client.count).toBe(1);
  });

  it("bad credentials stop the run: every later call fails fast with the same error", async () => {
    const auth = new ChatGuruAuthError({ action: "chat_add", httpStatus: 401, description: "key inválida" });
    const { scheduled, client } = setup([auth, "ok"]);
    await expect(scheduled.call("chat_add", {})).rejects.toMatchObject({ code: "CHATGURU_AUTH" });
    await expect(scheduled.call("chat_add", {})).rejects.toBe(scheduled.fatal);
    expect(client.count).toBe(1);
  });

  it("too many consecutive failures abort the run", async () => {
    const { scheduled } = setup([http500()], { maxAttempts: 100, maxConsecutiveFailures: 4 });
    await expect(scheduled.call("chat_update_custom_fields", {})).rejects.toMatchObject({
      code: "TOO_MANY_FAILURES",
    });
    expect(scheduled.fatal?.code).toBe("TOO_MANY_FAILURES");
  });

  it("a 429 pauses the whole queue and does not spend an attempt", async () => {
    const limited = new ChatGuruRateLimitError({ action: "chat_add", retryAfterMs: 100 });
    const { scheduled, client, events, queue } = setup([limited, "ok"], { maxAttempts: 1 });
    const started = Date.now();
    await expect(scheduled.call("chat_add", {})).resolves.toMatchObject({ result: "success" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(client.count).toBe(2);
    expect(events).toContainEqual({ type: "rate-limited", pauseMs: 100 });
    queue.close();
  });

  it("a send answered 500/502/504 is never resent: its outcome is unknown after one attempt", async () => {
    for (const status of [500, 502, 504]) {
      for (const action of ["message_send", "message_file_send", "dialog_execute"]) {
        const page = new ChatGuruBadResponseError({ action, httpStatus: status, excerpt: "<html>" });
        const { scheduled, client } = setup([page, "ok"]);
        await expect(scheduled.call(action, { chat_number: "1" })).rejects.toMatchObject({ code: "OUTCOME_UNKNOWN" });
        expect(client.count, `${action} ${status}`).toBe(1);
      }
    }
  });

  it("a chat_add with visible text or a dialog answered 500 is not resent; a blank one is", async () => {
    const visible: Array<Record<string, string>> = [{ text: "Olá!" }, { text: " ", dialog_id: "d1" }];
    for (const params of visible) {
      const { scheduled, client } = setup([http500("chat_add"), "ok"]);
      await expect(scheduled.call("chat_add", params)).rejects.toMatchObject({ code: "ADD_OUTCOME_UNKNOWN" });
      expect(client.count).toBe(1);
    }
    const { scheduled, client } = setup([http500("chat_add"), "ok"]);
    await expect(scheduled.call("chat_add", { text: " " })).resolves.toMatchObject({ result: "success" });
    expect(client.count).toBe(2);
  });

  it("a send answered 503 (not processed) is retried", async () => {
    const busy = new ChatGuruApiError({ action: "message_send", httpStatus: 503, description: "indisponível" });
    const { scheduled, client } = setup([busy, "ok"]);
    await expect(scheduled.call("message_send", { chat_number: "1" })).resolves.toMatchObject({ result: "success" });
    expect(client.count).toBe(2);
  });

  it("a redirect stops the run at once, naming the Location; later calls fail fast without a request", async () => {
    const moved = new ChatGuruRedirectError({
      action: "chat_update_custom_fields",
      httpStatus: 301,
      location: "https://s15.chatguru.app/api/v1",
    });
    const { scheduled, client } = setup([moved, "ok"]);
    const onNotApplied = vi.fn();
    const error = await scheduled
      .call("chat_update_custom_fields", {}, undefined, { onNotApplied } as never)
      .catch((e: unknown) => e);
    expect(error).toBe(scheduled.fatal);
    expect(scheduled.fatal).toMatchObject({ code: "CHATGURU_REDIRECT", name: "RunAbortedError" });
    expect(scheduled.fatal?.message).toContain("https://s15.chatguru.app/api/v1");
    expect(onNotApplied).toHaveBeenCalledOnce();
    await expect(scheduled.call("note_add", {})).rejects.toBe(scheduled.fatal);
    expect(client.count).toBe(1);
  });

  it('a 400 "Limite de requisições excedido" pauses the queue like a 429 and the request goes through after', async () => {
    const throttled = new ChatGuruRateLimitError({
      action: "note_add",
      retryAfterMs: 120,
      httpStatus: 400,
      description: "Limite de requisições excedido",
    });
    const { scheduled, client, events, queue } = setup([throttled, "ok"], { maxAttempts: 1 });
    await expect(scheduled.call("note_add", {})).resolves.toMatchObject({ result: "success" });
    expect(client.count).toBe(2);
    expect(events).toContainEqual({ type: "rate-limited", pauseMs: 120 });
    queue.close();
  });
});

describe("ScheduledClient: credentials refused for two requests in flight", () => {
  it("the second refusal, met after the run began stopping, is the run's stop too — not a row failure", async () => {
    const controller = new AbortController();
    const answers: Array<(error: Error) => void> = [];
    const client: ChatGuruClient = {
      call: () => new Promise((_resolve, reject) => answers.push(reject)),
      close: () => undefined,
    };
    const scheduled = new ScheduledClient({
      client,
      queue: new RequestQueue({ concurrency: 2, rate: Infinity }),
      policy: DEFAULT_RETRY_POLICY,
      signal: controller.signal,
      sleep: async () => undefined,
    });
    const refused = () =>
      new ChatGuruAuthError({ action: "message_send", httpStatus: 400, description: "key inválida" });
    const first = scheduled.call("message_send", { text: "Oi" }).catch((e: unknown) => e);
    const second = scheduled.call("message_send", { text: "Oi" }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[0]!(refused());
    const stop = await first;
    // The run begins stopping on the first refusal (the stop controller aborts its signal)…
    controller.abort(stop);
    answers[1]!(refused());
    // …and the second send's refusal still says "the run stopped", which proves it was not sent.
    expect(await second).toBe(scheduled.fatal);
    expect(((await second) as Error).name).toBe("RunAbortedError");
  });
});
