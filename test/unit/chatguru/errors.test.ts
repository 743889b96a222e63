import { describe, expect, it } from "vitest";
import { parseResponse } from "../../../src/chatguru/client.js";
import {
  ChatGuruAbortedError,
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruNetworkError,
  ChatGuruParamError,
  ChatGuruRateLimitError,
  ChatGuruTimeoutError,
  isChatGuruApiError,
  isChatGuruAuthError,
  isChatGuruError,
} from "../../../src/chatguru/errors.js";
import { classifyChatGuruError, isSendRequest } from "../../../src/chatguru/classify-error.js";
import { parseRetryAfter } from "../../../src/util/retry-after.js";
import { ExitCode } from "../../../src/core/exit-code.js";
import { isSyncError } from "../../../src/errors.js";
import { exitCodeOf } from "../../helpers/exit-code.js";

const api = (action: string, httpStatus: number, description: string, body?: Record<string, unknown>) =>
  new ChatGuruApiError({
    action,
    httpStatus,
    description,
    body: { code: httpStatus, result: "error", description, ...body },
  });

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads an HTTP-date relative to now, never negative", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 11:59:00 GMT", now)).toBe(0);
  });
  it("is undefined when absent or unreadable", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-1", now)).toBeUndefined();
    expect(parseRetryAfter("12abc", now)).toBeUndefined();
  });
});

describe("error classes", () => {
  it("carry literal names, codes, exit codes and context without the key", () => {
    const e = api("chat_update_custom_fields", 400, "Chat não encontrado.");
    expect(e.name).toBe("ChatGuruApiError");
    expect(e.code).toBe("CHATGURU_CHAT_NOT_FOUND");
    expect(exitCodeOf(e)).toBe(ExitCode.ROW_FAILURES);
    expect(e.message).toContain('ChatGuru chat_update_custom_fields answered 400 "Chat não encontrado."');
    expect(e.context).toEqual({
      action: "chat_update_custom_fields",
      httpStatus: 400,
      description: "Chat não encontrado.",
    });
    expect(isChatGuruApiError(e) && isChatGuruError(e) && isSyncError(e)).toBe(true);
    expect(isChatGuruAuthError(e)).toBe(false);

    const auth = new ChatGuruAuthError({ action: "note_add", httpStatus: 400, description: "key inválida" });
    expect(auth.name).toBe("ChatGuruAuthError");
    expect(auth.code).toBe("CHATGURU_AUTH");
    expect(exitCodeOf(auth)).toBe(ExitCode.ABORTED);
    expect(auth.message).toMatch(/CHATGURU_API_KEY/);
  });
  it("pick specific codes from ChatGuru's descriptions", () => {
    expect(api("note_add", 400, "Chat não existe").code).toBe("CHATGURU_CHAT_NOT_FOUND");
    expect(api("chat_update_custom_fields", 400, "Nenhum campo personalizado encontrado com o nome X").code).toBe(
      "CHATGURU_FIELD_NOT_CONFIGURED",
    );
    expect(api("chat_add", 400, "Mensagem inicial inválida").code).toBe("CHATGURU_INITIAL_MESSAGE_INVALID");
    expect(api("note_add", 503, "x").code).toBe("CHATGURU_SERVER_ERROR");
    expect(api("note_add", 400, "Ação inválida").code).toBe("CHATGURU_API_ERROR");
  });
});

describe("classifyChatGuruError", () => {
  it("row errors from 400 descriptions", () => {
    const cases: Array<[ChatGuruApiError, string]> = [
      [api("chat_update_custom_fields", 400, "Chat não encontrado."), "CHATGURU_CHAT_NOT_FOUND"],
      [api("note_add", 400, "Chat não existe"), "CHATGURU_CHAT_NOT_FOUND"],
      [
        api("chat_update_custom_fields", 400, "Nenhum campo personalizado encontrado com o nome Etapa"),
        "CHATGURU_FIELD_NOT_CONFIGURED",
      ],
      [api("chat_add", 400, "Mensagem inicial inválida"), "CHATGURU_INITIAL_MESSAGE_INVALID"],
      [api("note_add", 400, "note_text não informado"), "CHATGURU_REJECTED"],
      [api("message_file_send", 404, "Not found"), "CHATGURU_REJECTED"],
    ];
    for (const [error, code] of cases) {
      const c = classifyChatGuruError(error);
      expect(c).toEqual({ kind: "row", code, message: error.message });
    }
  });
  it("the dialog context quirk (HTTP 200, result error) by dialog_execution_return", () => {
    const e = new ChatGuruApiError({
      action: "dialog_execute",
      httpStatus: 200,
      description: "Erro: contexto não foi validado",
      body: { code: 200, result: "error", dialog_execution_return: "Erro: contexto não foi validado" },
    });
    expect(classifyChatGuruError(e)).toMatchObject({ kind: "row", code: "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED" });
    // The same words from another action are not the dialog quirk.
    const other = api("note_add", 400, "contexto não foi validado");
    expect(classifyChatGuruError(other)).toMatchObject({ kind: "row", code: "CHATGURU_REJECTED" });
  });
  it("retry for 5xx, 408 and connections that never reached the server", () => {
    expect(classifyChatGuruError(api("chat_add", 500, "erro"), { send: false })).toEqual({ kind: "retry" });
    expect(classifyChatGuruError(api("note_add", 500, "erro"))).toEqual({ kind: "retry" });
    expect(classifyChatGuruError(api("chat_update_custom_fields", 408, "timeout"))).toEqual({ kind: "retry" });
    expect(
      classifyChatGuruError(
        new ChatGuruBadResponseError({ action: "chat_update_custom_fields", httpStatus: 502, excerpt: "Bad Gateway" }),
      ),
    ).toEqual({ kind: "retry" });
    const refused = new ChatGuruNetworkError({
      action: "chat_add",
      endpoint: "http://x/api/v1",
      errorCode: "ECONNREFUSED",
      mayHaveReachedServer: false,
    });
    expect(classifyChatGuruError(refused)).toEqual({ kind: "retry" });
  });
  it("a non-repeatable action answered 408/502/504 by a proxy may have been applied: unknown outcome, never a blind resend", () => {
    for (const status of [408, 502, 504]) {
      for (const action of ["chat_add", "note_add", "dialog_execute", "message_send"]) {
        expect(classifyChatGuruError(api(action, status, "gateway")).kind, `${action} ${status}`).toBe(
          "unknown-outcome",
        );
      }
      expect(
        classifyChatGuruError(
          new ChatGuruBadResponseError({ action: "chat_add", httpStatus: status, excerpt: "<html>" }),
        ).kind,
      ).toBe("unknown-outcome");
    }
    expect(classifyChatGuruError(api("chat_add", 503, "indisponível")).kind).toBe("retry");
  });
  it("a send is retried only on an answer proving it was not processed: 429, 503, a connection never made", () => {
    const sends = ["message_send", "message_file_send", "dialog_execute", "chat_add"];
    for (const action of sends) {
      for (const status of [500, 502, 504, 408, 520]) {
        expect(classifyChatGuruError(api(action, status, "erro")).kind, `${action} ${status}`).toBe("unknown-outcome");
        const html = new ChatGuruBadResponseError({ action, httpStatus: status, excerpt: "<html>" });
        expect(classifyChatGuruError(html).kind, `${action} ${status} html`).toBe("unknown-outcome");
      }
      // A body that is not ChatGuru's, whatever its status: nothing says the send did not go out.
      const odd = new ChatGuruBadResponseError({ action, httpStatus: 404, excerpt: "Not Found" });
      expect(classifyChatGuruError(odd).kind, `${action} 404 html`).toBe("unknown-outcome");
      expect(classifyChatGuruError(api(action, 503, "indisponível")).kind, `${action} 503`).toBe("retry");
      const page503 = new ChatGuruBadResponseError({ action, httpStatus: 503, excerpt: "Service Unavailable" });
      expect(classifyChatGuruError(page503).kind).toBe("retry");
      expect(classifyChatGuruError(new ChatGuruRateLimitError({ action, retryAfterMs: 1 })).kind).toBe("retry-after");
      const refused = { endpoint: "http://x", errorCode: "ECONNREFUSED", mayHaveReachedServer: false };
      expect(classifyChatGuruError(new ChatGuruNetworkError({ action, ...refused })).kind).toBe("retry");
      // ChatGuru's own refusal (a JSON 400) proves nothing went out: a row error, as before.
      expect(classifyChatGuruError(api(action, 400, "Chat não encontrado.")).kind).toBe("row");
    }
    // A chat_add that sends nothing visible is not a send: its 500 is retried like a field update.
    const blank = { send: isSendRequest("chat_add", { chat_number: "1", name: "A", text: " " }) };
    expect(classifyChatGuruError(api("chat_add", 500, "erro"), blank)).toEqual({ kind: "retry" });
    expect(isSendRequest("chat_add", { text: "Oi!" })).toBe(true);
    expect(isSendRequest("chat_add", { text: " ", dialog_id: "d1" })).toBe(true);
    for (const action of ["chat_update_custom_fields", "note_add", "chat_add_status", "message_status"])
      expect(classifyChatGuruError(api(action, 500, "erro")).kind, action).toBe("retry");
  });
  it("retry-after for 429, with or without Retry-After", () => {
    expect(classifyChatGuruError(new ChatGuruRateLimitError({ action: "note_add", retryAfterMs: 1000 }))).toEqual({
      kind: "retry-after",
      ms: 1000,
    });
    expect(classifyChatGuruError(new ChatGuruRateLimitError({ action: "note_add", retryAfterMs: undefined }))).toEqual({
      kind: "retry-after",
      ms: undefined,
    });
  });
  it("auth", () => {
    const e = new ChatGuruAuthError({ action: "chat_add", httpStatus: 401, description: "Unauthorized" });
    expect(classifyChatGuruError(e)).toEqual({ kind: "auth", message: e.message });
  });
  it("unknown-outcome for timeouts, resets after writing, unreadable 2xx, aborts and foreign errors", () => {
    const reset = new ChatGuruNetworkError({
      action: "chat_add",
      endpoint: "http://x/api/v1",
      errorCode: "ECONNRESET",
      mayHaveReachedServer: true,
    });
    expect(classifyChatGuruError(reset).kind).toBe("unknown-outcome");
    expect(
      classifyChatGuruError(
        new ChatGuruTimeoutError({ action: "chat_add", endpoint: "http://x/api/v1", timeoutMs: 50 }),
      ).kind,
    ).toBe("unknown-outcome");
    expect(
      classifyChatGuruError(new ChatGuruBadResponseError({ action: "chat_add", httpStatus: 200, excerpt: "<html>" }))
        .kind,
    ).toBe("unknown-outcome");
    expect(classifyChatGuruError(new ChatGuruAbortedError({ action: "chat_add" })).kind).toBe("unknown-outcome");
    expect(classifyChatGuruError(new TypeError("boom"))).toEqual({ kind: "unknown-outcome", message: "boom" });
  });
  it("a parameter rejected before sending is a row error", () => {
    const e = new ChatGuruParamError({ action: "message_send", param: "send_date", message: "bad date" });
    expect(classifyChatGuruError(e)).toEqual({ kind: "row", code: "CHATGURU_REJECTED", message: "bad date" });
  });
});

describe("parseResponse (envelope rules)", () => {
  const secrets = ["test-key-not-real"];
  const parse = (status: number, data: string, headers: Record<string, string> = {}) =>
    parseResponse({ status, data, headers }, "note_add", secrets);

  it("success needs 2xx AND result success", () => {
    expect(parse(200, '{"code":200,"result":"success","note_id":"1"}')).toMatchObject({ note_id: "1" });
    expect(() => parse(200, '{"code":200,"result":"error","description":"Chat não encontrado."}')).toThrow(
      ChatGuruApiError,
    );
    expect(() => parse(400, '{"code":400,"result":"success"}')).toThrow(ChatGuruApiError);
    expect(() => parse(200, '{"code":200}')).toThrow(ChatGuruBadResponseError);
  });
  it("credential descriptions and 401/403 are auth errors", () => {
    for (const d of [
      "key ou account_id não informado(s)",
      "account_id inválida",
      "phone_id inválido",
      "Chave inválida",
    ]) {
      expect(() => parse(400, JSON.stringify({ code: 400, result: "error", description: d }))).toThrow(
        ChatGuruAuthError,
      );
    }
    expect(() => parse(403, '{"code":403,"result":"error","description":"Forbidden"}')).toThrow(ChatGuruAuthError);
    expect(() => parse(401, "<html>Unauthorized</html>")).toThrow(ChatGuruAuthError);
  });
  it("non-JSON, empty, truncated and array bodies are bad responses with status and a redacted excerpt", () => {
    for (const body of [
      "",
      "   ",
      "<html><body><h1>502 Bad Gateway test-key-not-real</h1></body></html>",
      '{"code":200,"res',
      "[1,2]",
      "null",
    ]) {
      let error: unknown;
      try {
        parse(502, body, { "content-type": "text/html" });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ChatGuruBadResponseError);
      const bad = error as ChatGuruBadResponseError;
      expect(bad.httpStatus).toBe(502);
      expect(bad.message).toContain("502");
      expect(JSON.stringify(bad) + bad.message).not.toContain("test-key-not-real");
    }
  });
  it("429 is a rate-limit error whatever the body", () => {
    try {
      parse(429, "Too Many Requests", { "retry-after": "2" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ChatGuruRateLimitError);
      expect((e as ChatGuruRateLimitError).retryAfterMs).toBe(2000);
    }
  });
  it("a description that echoes the key is redacted", () => {
    try {
      parse(400, '{"code":400,"result":"error","description":"Ação inválida para test-key-not-real"}');
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain("test-key-not-real");
      expect(JSON.stringify(e)).not.toContain("test-key-not-real");
    }
  });
});
