import { afterEach, describe, expect, it } from "vitest";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import {
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruNetworkError,
  ChatGuruRateLimitError,
  ChatGuruTimeoutError,
} from "../../src/chatguru/errors.js";
import { classifyChatGuruError } from "../../src/chatguru/classify-error.js";
import {
  MOCK_CREDENTIALS,
  startMockServer,
  type MockServer,
  type MockServerOptions,
} from "../../src/chatguru/mock/mock-server.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";

const servers: MockServer[] = [];
const clients: ChatGuruClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mockWith(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}

function clientFor(
  server: MockServer,
  overrides: Partial<{ key: string; accountId: string; phoneId: string; timeoutMs: number }> = {},
): ChatGuruClient {
  const c = createChatGuruClient({ apiUrl: server.url, ...server.credentials, timeoutMs: 3000, ...overrides });
  clients.push(c);
  return c;
}

const form = (params: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(params).toString(),
});
const creds = { key: MOCK_CREDENTIALS.key, account_id: MOCK_CREDENTIALS.accountId, phone_id: MOCK_CREDENTIALS.phoneId };

describe("mock server: protocol", () => {
  it("listens on 127.0.0.1 and exposes the fake credentials", async () => {
    const server = await mockWith();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/api/v1`);
    expect(server.credentials).toEqual(MOCK_CREDENTIALS);
  });

  it("rejects a JSON body with 400 'key ou account_id não informado(s)'", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"] });
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...creds, action: "note_add", chat_number: "5511987654321", note_text: "x" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, result: "error", description: "key ou account_id não informado(s)" });
    expect(server.state().chats[0]!.notes).toEqual([]);
  });

  it("accepts parameters in the query string too, merged with the form body", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"] });
    const query = new URLSearchParams({ ...creds, action: "note_add" });
    const res = await fetch(
      `${server.url}?${query}`,
      form({ chat_number: "5511987654321", note_text: "via query + form" }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      code: 200,
      result: "success",
      description: "Anotação criada com sucesso",
    });
    expect(server.state().chats[0]!.notes).toEqual(["via query + form"]);
  });

  it("credential checks in ChatGuru's words, all ChatGuruAuthError", async () => {
    const server = await mockWith();
    const cases: Array<[Record<string, string>, string]> = [
      [{ key: "", account_id: "a", phone_id: "p" }, "key ou account_id não informado(s)"],
      [{ ...creds, key: "wrong-key-not-real" }, "key inválida"],
      [{ ...creds, account_id: "other" }, "account_id inválida"],
      [{ ...creds, phone_id: "other" }, "phone_id inválido"],
    ];
    for (const [params, description] of cases) {
      const res = await fetch(server.url, form({ ...params, action: "note_add", chat_number: "1" }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { description: string }).description).toBe(description);
    }
    const error = await clientFor(server, { key: "wrong-key-not-real" })
      .call("note_add", { chat_number: "1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatGuruAuthError);
    expect(classifyChatGuruError(error).kind).toBe("auth");
  });

  it("unknown action, missing chat_number, unknown chat_add_id, GET", async () => {
    const server = await mockWith();
    const describe = async (params: Record<string, string>) =>
      ((await (await fetch(server.url, form({ ...creds, ...params }))).json()) as { description: string }).description;
    expect(await describe({ action: "chat_delete" })).toBe("Ação inválida");
    expect(await describe({ action: "note_add", note_text: "x" })).toBe("chat_number não informado");
    expect(await describe({ action: "chat_add_status", chat_add_id: "000000000000000000000000" })).toMatch(
      /chat_add_id não encontrado/,
    );
    expect((await fetch(server.url)).status).toBe(405);
  });
});

describe("mock server: faults", () => {
  it("failRate → 5xx HTML, effect not applied → ChatGuruBadResponseError classified retry", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"], failRate: 1 });
    const error = await clientFor(server)
      .call("note_add", { chat_number: "5511987654321", note_text: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatGuruBadResponseError);
    expect([500, 502, 503]).toContain((error as ChatGuruBadResponseError).httpStatus);
    expect(classifyChatGuruError(error)).toEqual({ kind: "retry" });
    expect(server.state().chats[0]!.notes).toEqual([]);
    expect(server.state().log[0]).toMatchObject({ action: "note_add", fault: "fail" });
  });

  it("rateLimit → 429 with Retry-After: 1 above N requests per second, effect not applied", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"], rateLimit: 2 });
    const client = clientFor(server);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => client.call("note_add", { chat_number: "5511987654321", note_text: `n${i}` })),
    );
    const limited = results
      .filter((r) => r.status === "rejected")
      .map((r) => (r as PromiseRejectedResult).reason as unknown);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(limited).toHaveLength(2);
    for (const e of limited) {
      expect(e).toBeInstanceOf(ChatGuruRateLimitError);
      expect(classifyChatGuruError(e)).toEqual({ kind: "retry-after", ms: 1000 });
    }
    expect(server.state().chats[0]!.notes).toHaveLength(2);
  });

  it("resetRate → ChatGuruNetworkError; about half of the resets applied the effect first", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"], resetRate: 1, seed: 3 });
    const client = clientFor(server);
    const errors: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      errors.push(
        await client.call("note_add", { chat_number: "5511987654321", note_text: `n${i}` }).catch((e: unknown) => e),
      );
    }
    for (const e of errors) {
      expect(e).toBeInstanceOf(ChatGuruNetworkError);
      expect((e as ChatGuruNetworkError).mayHaveReachedServer).toBe(true);
      expect(classifyChatGuruError(e).kind).toBe("unknown-outcome");
    }
    const applied = server.state().chats[0]!.notes.length;
    expect(applied).toBeGreaterThan(3);
    expect(applied).toBeLessThan(17);
  });

  it("timeoutRate → ChatGuruTimeoutError with a small timeoutMs; close() does not hang on the held socket", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"], timeoutRate: 1 });
    const error = await clientFor(server, { timeoutMs: 100 })
      .call("note_add", { chat_number: "5511987654321", note_text: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatGuruTimeoutError);
    expect(classifyChatGuruError(error).kind).toBe("unknown-outcome");
    // The fault holds the socket for ever: a close() that waited for it would never resolve and the test would time
    // out. How quickly it cuts it is measured by `npm run bench -- quick-paths`.
    await server.close();
  });

  it("latencyMs delays every API response but not /__mock", async () => {
    const server = await mockWith({ latencyMs: 600 });
    const client = clientFor(server);
    const started = Date.now();
    let answered = false;
    const call = client
      .call("message_status", { message_id: "x" })
      .catch(() => undefined)
      .finally(() => (answered = true));
    // /__mock answers while the API call is still held (no upper bound on wall time: the machine may be loaded).
    expect((await fetch(`http://127.0.0.1:${server.port}/__mock/state`)).ok).toBe(true);
    expect(answered).toBe(false);
    await call;
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
  });

  it("applyThenFailRate → the request IS carried out, then answered 500/502/504 (only the listed actions)", async () => {
    const chat = "5511987654321";
    const server = await mockWith({
      existingChats: [chat],
      applyThenFailRate: 1,
      applyThenFailActions: ["message_send"],
    });
    const client = clientFor(server);
    const error = await client.call("message_send", { chat_number: chat, text: "Oi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatGuruBadResponseError);
    expect([500, 502, 504]).toContain((error as ChatGuruBadResponseError).httpStatus);
    expect(classifyChatGuruError(error).kind).toBe("unknown-outcome");
    expect(server.state().chats[0]!.sentMessages).toMatchObject([{ via: "message_send", text: "Oi" }]);
    expect(server.state().log[0]).toMatchObject({ action: "message_send", chatNumber: chat, fault: "apply-then-fail" });
    // Not listed: answered normally. A refused request (nothing carried out) is never "applied then failed".
    await expect(client.call("note_add", { chat_number: chat, note_text: "n" })).resolves.toMatchObject({ code: 200 });
    server.configure({ applyThenFailActions: [], applyThenFailStatuses: [500] });
    const refused = await client.call("message_send", { chat_number: "5511900000001", text: "x" }).catch((e) => e);
    expect(refused).toMatchObject({ code: "CHATGURU_CHAT_NOT_FOUND" });
    expect(() => server.configure({ applyThenFailStatuses: [404] })).toThrow(/applyThenFailStatuses/);
    expect(() => server.configure({ applyThenFailRate: 2 })).toThrow(/applyThenFailRate/);
  });

  it("the same seed gives the same fault sequence", async () => {
    const sequence = async () => {
      const server = await mockWith({ existingChats: ["5511987654321"], failRate: 0.5, seed: 99 });
      const client = clientFor(server);
      const out: string[] = [];
      for (let i = 0; i < 12; i++) {
        out.push(
          await client.call("note_add", { chat_number: "5511987654321", note_text: "x" }).then(
            () => "ok",
            (e: Error) => e.name,
          ),
        );
      }
      return out;
    };
    const first = await sequence();
    expect(first).toContain("ok");
    expect(first).toContain("ChatGuruBadResponseError");
    expect(await sequence()).toEqual(first);
  });
});

describe("mock server: /__mock endpoints", () => {
  it("state counts requests per action; reset clears back to the options; config changes faults at runtime", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"] });
    const base = `http://127.0.0.1:${server.port}/__mock`;
    const client = clientFor(server);
    await client.call("note_add", { chat_number: "5511987654321", note_text: "a" });
    await client.call("chat_add", { chat_number: "5511912345678", name: "B", text: " " });
    const state = (await (await fetch(`${base}/state`)).json()) as ReturnType<MockServer["state"]>;
    expect(state.requests).toEqual({ total: 2, byAction: { note_add: 1, chat_add: 1 } });
    expect(state.chatAddsByNumber).toEqual({ "5511912345678": 1 });
    expect(state.customFields).toContain("field__CRM__Link_negocio");
    expect(state.log.map((l) => [l.action, l.chatNumber, l.status])).toEqual([
      ["note_add", "5511987654321", 200],
      ["chat_add", "5511912345678", 201],
    ]);
    expect(state.chats.map((c) => c.number).sort()).toEqual(["5511912345678", "5511987654321"]);

    expect((await fetch(`${base}/reset`, { method: "POST" })).status).toBe(200);
    expect(server.state()).toMatchObject({ requests: { total: 0 }, chatAddsByNumber: {} });
    expect(server.state().chats).toEqual([
      expect.objectContaining({ number: "5511987654321", notes: [], createdVia: "seed" }),
    ]);

    const config = await fetch(`${base}/config`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ failRate: 1 }),
    });
    expect(config.status).toBe(200);
    await expect(client.call("note_add", { chat_number: "5511987654321", note_text: "a" })).rejects.toBeInstanceOf(
      ChatGuruBadResponseError,
    );
    const bad = await fetch(`${base}/config`, { method: "POST", body: JSON.stringify({ failRate: 3 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/failRate/);
    server.configure({ failRate: 0 });
    await expect(client.call("note_add", { chat_number: "5511987654321", note_text: "a" })).resolves.toMatchObject({
      result: "success",
    });
  });

  it("custom fields option accepts panel or API names", async () => {
    const server = await mockWith({
      existingChats: ["5511987654321"],
      customFields: ["Setor | Área", "field__Codigo"],
    });
    expect(server.state().customFields).toEqual(["field__Setor__Area", "field__Codigo"]);
    const client = clientFor(server);
    await client.call("chat_update_custom_fields", {
      chat_number: "5511987654321",
      field__Setor__Area: "TI",
      field__Codigo: "7",
    });
    await expect(
      client.call("chat_update_custom_fields", { chat_number: "5511987654321", field__Email: "x" }),
    ).rejects.toThrow(/Nenhum campo personalizado/);
  });

  it("dialog and user ids the account does not have are refused in the words the client recognises", async () => {
    const server = await mockWith({ existingChats: ["5511987654321"], dialogs: ["dlg-7"], users: ["u-7"] });
    const client = clientFor(server);
    const refusal = (params: Record<string, string>, action = "chat_add") =>
      client.call(action, { chat_number: "5511912345678", name: "Ana", ...params }).catch((e: unknown) => e);
    expect(await refusal({ user_id: "u-x" })).toMatchObject({ httpStatus: 400, description: "Usuário não encontrado" });
    expect(await refusal({ dialog_id: "dlg-x" })).toMatchObject({ description: "Diálogo não encontrado" });
    const execute = await refusal({ chat_number: "5511987654321", dialog_id: "dlg-x" }, "dialog_execute");
    expect(execute).toMatchObject({ httpStatus: 400, description: "Diálogo não encontrado" });
    // Nothing was queued for the refused adds; the known ids go through.
    expect(server.state().pendingAdds).toBe(0);
    await client.call("chat_add", { chat_number: "5511912345678", name: "Ana", user_id: "u-7", dialog_id: "dlg-7" });
    // …and the lists change at runtime like any other behaviour.
    server.configure({ dialogs: ["dlg-8"] });
    expect(await refusal({ dialog_id: "dlg-7" })).toMatchObject({ description: "Diálogo não encontrado" });
    await expect(startMockServer({ users: [""] })).rejects.toThrow(
      "Expected `users` to be an array of non-empty strings",
    );
  });

  it("rejects bad options with exact messages", async () => {
    await expect(startMockServer({ failRate: -0.1 })).rejects.toThrow(
      "Expected `failRate` to be a number from 0 to 1, got `-0.1` (number).",
    );
    await expect(startMockServer({ existingChats: ["+55 11"] })).rejects.toThrow(/existingChats/);
  });
});
