import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import {
  ChatGuruAbortedError,
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruNetworkError,
  ChatGuruRateLimitError,
  ChatGuruRedirectError,
  ChatGuruTimeoutError,
} from "../../src/chatguru/errors.js";
import { classifyChatGuruError } from "../../src/chatguru/classify-error.js";
import { exitCodeOf } from "../helpers/exit-code.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";

const KEY = "test-key-not-real";

interface Captured {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remotePort: number;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A raw local server: records every request and answers with `handler`. */
async function rawServer(handler: Handler): Promise<{ url: string; requests: Captured[] }> {
  const requests: Captured[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (body += d));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        remotePort: req.socket.remotePort ?? 0,
      });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, requests };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
}

function client(url: string, timeoutMs?: number): ChatGuruClient {
  const c = createChatGuruClient({
    apiUrl: url,
    key: KEY,
    accountId: "acc-1",
    phoneId: "phone-1",
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  cleanups.push(() => c.close());
  return c;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

/** The key must not appear anywhere in the error, its cause chain, or their serialisations. */
function expectNoKey(error: unknown): void {
  const seen: string[] = [];
  let current: unknown = error;
  for (let i = 0; i < 6 && current; i++) {
    const e = current as Error;
    seen.push(
      String(e),
      e.message ?? "",
      e.stack ?? "",
      JSON.stringify(e) ?? "",
      JSON.stringify((e as { context?: unknown }).context ?? {}),
    );
    current = (e as { cause?: unknown }).cause;
  }
  for (const text of seen) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
  }
}

describe("createChatGuruClient: the request", () => {
  it("POSTs every parameter as a form-urlencoded body, never in the URL", async () => {
    const server = await rawServer(json(200, { code: 200, result: "success", note_id: "n1" }));
    const response = await client(server.url).call("note_add", {
      chat_number: "5511987654321",
      note_text: "Olá & até = já",
    });
    expect(response.note_id).toBe("n1");
    const [req] = server.requests;
    expect(req!.method).toBe("POST");
    expect(req!.url).toBe("/api/v1");
    expect(req!.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = Object.fromEntries(new URLSearchParams(req!.body));
    expect(form).toEqual({
      key: KEY,
      account_id: "acc-1",
      phone_id: "phone-1",
      action: "note_add",
      chat_number: "5511987654321",
      note_text: "Olá & até = já",
    });
  });

  it("refuses to let params override key/account_id/phone_id/action, before sending", async () => {
    const server = await rawServer(json(200, { code: 200, result: "success" }));
    const error = await failure(client(server.url).call("note_add", { key: "other" }));
    expect(error.name).toBe("ChatGuruParamError");
    expect(server.requests).toHaveLength(0);
  });

  it("reuses the connection (keep-alive) across calls", async () => {
    const server = await rawServer(json(200, { code: 200, result: "success" }));
    const c = client(server.url);
    await c.call("message_status", { message_id: "1" });
    await c.call("message_status", { message_id: "2" });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.remotePort).toBe(server.requests[1]!.remotePort);
  });
});

describe("createChatGuruClient: responses become typed errors", () => {
  it("HTTP 400 result error → ChatGuruApiError with action, status, description and body", async () => {
    const server = await rawServer(json(400, { code: 400, result: "error", description: "Chat não encontrado." }));
    const error = await failure(
      client(server.url).call("chat_update_custom_fields", { chat_number: "5511987654321", field__Email: "a" }),
    );
    expect(error).toBeInstanceOf(ChatGuruApiError);
    const e = error as ChatGuruApiError;
    expect(e.message).toContain('ChatGuru chat_update_custom_fields answered 400 "Chat não encontrado."');
    expect([e.action, e.httpStatus, e.description, e.code]).toEqual([
      "chat_update_custom_fields",
      400,
      "Chat não encontrado.",
      "CHATGURU_CHAT_NOT_FOUND",
    ]);
    expect(e.body).toEqual({ code: 400, result: "error", description: "Chat não encontrado." });
    expect(classifyChatGuruError(e)).toMatchObject({ kind: "row", code: "CHATGURU_CHAT_NOT_FOUND" });
  });

  it("HTTP 200 with result error is not a success", async () => {
    const server = await rawServer(
      json(200, { code: 200, result: "error", dialog_execution_return: "Erro: contexto não foi validado" }),
    );
    const error = await failure(client(server.url).call("dialog_execute", { chat_number: "1", dialog_id: "d" }));
    expect(classifyChatGuruError(error)).toMatchObject({ kind: "row", code: "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED" });
  });

  it("auth descriptions and 401 → ChatGuruAuthError (exit 3)", async () => {
    const bad = await rawServer(json(400, { code: 400, result: "error", description: "account_id inválida" }));
    const e1 = await failure(client(bad.url).call("note_add", {}));
    expect(e1).toBeInstanceOf(ChatGuruAuthError);
    expect(exitCodeOf(e1)).toBe(3);
    const unauthorized = await rawServer((_q, res) => {
      res.writeHead(401, { "Content-Type": "text/html" });
      res.end("<h1>401 Unauthorized</h1>");
    });
    expect(await failure(client(unauthorized.url).call("note_add", {}))).toBeInstanceOf(ChatGuruAuthError);
  });

  it("429 → ChatGuruRateLimitError with Retry-After in ms", async () => {
    const server = await rawServer(
      json(429, { code: 429, result: "error", description: "Too many" }, { "Retry-After": "3" }),
    );
    const e = (await failure(client(server.url).call("note_add", {}))) as ChatGuruRateLimitError;
    expect(e).toBeInstanceOf(ChatGuruRateLimitError);
    expect(e.retryAfterMs).toBe(3000);
    expect(classifyChatGuruError(e)).toEqual({ kind: "retry-after", ms: 3000 });
  });

  it("non-JSON 502 (HTML) → ChatGuruBadResponseError with status and a short excerpt; classified retry", async () => {
    const server = await rawServer((_q, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end(
        `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>${"x".repeat(5000)}</body></html>`,
      );
    });
    const e = (await failure(
      client(server.url).call("chat_update_custom_fields", { chat_number: "1", field__X: "y" }),
    )) as ChatGuruBadResponseError;
    expect(e).toBeInstanceOf(ChatGuruBadResponseError);
    expect(e.httpStatus).toBe(502);
    expect(e.message).toContain("502 Bad Gateway");
    expect(e.excerpt.length).toBeLessThan(200);
    expect(classifyChatGuruError(e)).toEqual({ kind: "retry" });
  });

  it("an empty 200 body is a bad response, not a crash", async () => {
    const server = await rawServer((_q, res) => res.end());
    const e = await failure(client(server.url).call("chat_add", { chat_number: "1" }));
    expect(e).toBeInstanceOf(ChatGuruBadResponseError);
    expect(e.message).toContain("<empty body>");
    expect(classifyChatGuruError(e).kind).toBe("unknown-outcome");
  });

  it("a redirect is reported, not followed (a POST would be replayed as GET without its body)", async () => {
    const server = await rawServer((_q, res) => {
      res.writeHead(301, { Location: "https://s15.chatguru.app/api/v1", "Content-Type": "application/json" });
      res.end('{"code":301,"result":"error","description":"Moved"}');
    });
    const e = await failure(client(server.url).call("note_add", {}));
    expect(e).toBeInstanceOf(ChatGuruRedirectError);
    expect(e.message).toContain("https://s15.chatguru.app/api/v1");
    expect(server.requests).toHaveLength(1);
    expect(classifyChatGuruError(e)).toMatchObject({ kind: "moved", location: "https://s15.chatguru.app/api/v1" });
    expect(exitCodeOf(e)).toBe(3);
  });

  it("an old host's 301 with an HTML page names the Location (a relative one resolved), never 'not ChatGuru JSON'", async () => {
    const server = await rawServer((_q, res) => {
      res.writeHead(301, { Location: "/v2/api", "Content-Type": "text/html" });
      res.end("<html><body><h1>301 Moved Permanently</h1></body></html>");
    });
    const e = (await failure(client(server.url).call("message_send", {}))) as ChatGuruRedirectError;
    expect(e).toBeInstanceOf(ChatGuruRedirectError);
    expect(e.code).toBe("CHATGURU_REDIRECT");
    expect(e.location).toBe(`${new URL(server.url).origin}/v2/api`);
    expect(e.message).toContain(`moved to ${new URL(server.url).origin}/v2/api`);
    expect(e.message).not.toMatch(/not ChatGuru JSON/);
    expect(server.requests).toHaveLength(1);
  });

  it('a 400 "Limite de requisições excedido" is throttling: a rate-limit error with its Retry-After', async () => {
    const server = await rawServer((_q, res) => {
      res.writeHead(400, { "Content-Type": "application/json", "Retry-After": "7" });
      res.end('{"code":400,"result":"error","description":"Limite de requisições excedido"}');
    });
    const e = (await failure(client(server.url).call("message_send", {}))) as ChatGuruRateLimitError;
    expect(e).toBeInstanceOf(ChatGuruRateLimitError);
    expect(e.retryAfterMs).toBe(7000);
    expect(e.httpStatus).toBe(400);
    expect(classifyChatGuruError(e)).toEqual({ kind: "retry-after", ms: 7000 });
  });
});

describe("createChatGuruClient: transport failures", () => {
  it("connection refused → ChatGuruNetworkError, never reached the server, classified retry", async () => {
    const server = await rawServer(json(200, {}));
    const port = new URL(server.url).port;
    await cleanups.pop()!(); // close the server: the port now refuses connections
    const e = (await failure(
      client(`http://127.0.0.1:${port}/api/v1`).call("chat_add", { chat_number: "1" }),
    )) as ChatGuruNetworkError;
    expect(e).toBeInstanceOf(ChatGuruNetworkError);
    expect(e.errorCode).toBe("ECONNREFUSED");
    expect(e.mayHaveReachedServer).toBe(false);
    expect(classifyChatGuruError(e)).toEqual({ kind: "retry" });
    expectNoKey(e);
  });

  it("a reset after the request was written → mayHaveReachedServer, unknown-outcome", async () => {
    const server = await rawServer((req) => req.socket.resetAndDestroy());
    const e = (await failure(client(server.url).call("chat_add", { chat_number: "1" }))) as ChatGuruNetworkError;
    expect(e).toBeInstanceOf(ChatGuruNetworkError);
    expect(e.mayHaveReachedServer).toBe(true);
    expect(e.errorCode).toBe("ECONNRESET");
    expect(classifyChatGuruError(e).kind).toBe("unknown-outcome");
    expectNoKey(e);
  });

  // The server never answers: a client that ignored timeoutMs would wait its 30 s default, past this test's 10 s.
  // How close to 150 ms it gives up is measured by `npm run bench -- quick-paths`.
  it("no answer within timeoutMs → ChatGuruTimeoutError, unknown-outcome", async () => {
    const server = await rawServer(() => undefined);
    const e = (await failure(client(server.url, 150).call("chat_add", { chat_number: "1" }))) as ChatGuruTimeoutError;
    expect(e).toBeInstanceOf(ChatGuruTimeoutError);
    expect(e.timeoutMs).toBe(150);
    expect(e.mayHaveReachedServer).toBe(true);
    expect(classifyChatGuruError(e).kind).toBe("unknown-outcome");
    expectNoKey(e);
  }, 10_000);

  it("the caller's AbortSignal aborts the call", async () => {
    const server = await rawServer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("SIGINT")), 50);
    const e = await failure(client(server.url, 10_000).call("note_add", {}, { signal: controller.signal }));
    expect(e).toBeInstanceOf(ChatGuruAbortedError);
    const already = AbortSignal.abort();
    expect(await failure(client(server.url).call("note_add", {}, { signal: already }))).toBeInstanceOf(
      ChatGuruAbortedError,
    );
  });

  it("the key never appears in errors, even when the server echoes it", async () => {
    const server = await rawServer((_req, res, body) => {
      res.writeHead(500, { "Content-Type": "text/html" });
      res.end(`<pre>bad request: ${body}</pre>`);
    });
    const e = await failure(client(server.url).call("note_add", { chat_number: "1" }));
    expect(e).toBeInstanceOf(ChatGuruBadResponseError);
    expect(e.message).toContain("***");
    expectNoKey(e);
    const apiServer = await rawServer((_req, res) => {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ code: 400, result: "error", description: `Ação inválida (key ${KEY})` }));
    });
    const e2 = await failure(client(apiServer.url).call("nope", {}));
    expectNoKey(e2);
    expect(JSON.stringify((e2 as ChatGuruApiError).body)).not.toContain(KEY);
  });
});
