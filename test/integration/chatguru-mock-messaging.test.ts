import { afterEach, describe, expect, it } from "vitest";
import { sendFile } from "../../src/chatguru/actions.js";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import { ChatGuruApiError, ChatGuruParamError } from "../../src/chatguru/errors.js";
import { toFieldApiName } from "../../src/chatguru/field-names.js";
import { FIELD_MANAGER_NAMES, mockFieldApiName } from "../../src/chatguru/mock/mock-field-names.js";
import { startMockServer, type MockServer, type MockServerOptions } from "../../src/chatguru/mock/mock-server.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";

let server: MockServer | undefined;
let client: ChatGuruClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function start(options: MockServerOptions = {}): Promise<ChatGuruClient> {
  server = await startMockServer({ messageSentAfterMs: 0, ...options });
  client = createChatGuruClient({ apiUrl: server.url, ...server.credentials, timeoutMs: 3000 });
  return client;
}

const errorOf = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e as ChatGuruApiError);
const chat = (number: string) => server!.state().chats.find((c) => c.number === number)!;

describe("the mock's messaging side", () => {
  it("message_send to a chat that does not exist answers 'Chat não existe'; note_add 'Chat não encontrado.'", async () => {
    const c = await start();
    const send = await errorOf(c.call("message_send", { chat_number: "5511987650001", text: "Oi" }));
    expect(send).toMatchObject({ httpStatus: 400, description: "Chat não existe", code: "CHATGURU_CHAT_NOT_FOUND" });
    const note = await errorOf(c.call("note_add", { chat_number: "5511987650001", note_text: "n" }));
    expect(note).toMatchObject({ description: "Chat não encontrado.", code: "CHATGURU_CHAT_NOT_FOUND" });
  });

  it("keeps every message a contact would see: chat_add's non-blank text first, then sends, with ids and statuses", async () => {
    const c = await start({ addDelayMs: 0 });
    await c.call("chat_add", { chat_number: "5511987650002", name: "Ana", text: "Bem-vinda!" });
    await c.call("chat_add", { chat_number: "5511987650003", name: "Bia", text: " " });
    // Integrators observed chat_add accepted without `text`.
    await c.call("chat_add", { chat_number: "5511987650004", name: "Caio" });
    server!.state();
    const m = await c.call("message_send", { chat_number: "5511987650002", text: "Seu boleto" });
    const f = await c.call("message_file_send", {
      chat_number: "5511987650002",
      file_url: "https://cdn.example.com/boleto.pdf",
      caption: "Boleto",
    });
    expect(f).toMatchObject({ code: 201, result: "success", message_file_send_return: expect.any(String) });
    const sent = chat("5511987650002").sentMessages;
    expect(sent.map((s) => s.via)).toEqual(["chat_add", "message_send", "message_file_send"]);
    expect(sent[0]).toMatchObject({ text: "Bem-vinda!" });
    expect(sent[1]).toMatchObject({ id: m.message_id, text: "Seu boleto", status: "sent" });
    expect(sent[2]).toMatchObject({ fileUrl: "https://cdn.example.com/boleto.pdf", caption: "Boleto" });
    expect(chat("5511987650003").sentMessages).toEqual([]);
    expect(chat("5511987650004").createdVia).toBe("chat_add");
  });

  it("a send_date in the future stays scheduled in /__mock/state and message_status", async () => {
    const c = await start({ existingChats: ["5511987650005"] });
    const m = await c.call("message_send", {
      chat_number: "5511987650005",
      text: "Lembrete",
      send_date: "2099-01-01 09:00",
    });
    expect((await c.call("message_status", { message_id: String(m.message_id) })).message_status).toBe("scheduled");
    expect(chat("5511987650005").sentMessages[0]).toMatchObject({ sendDate: "2099-01-01 09:00", status: "scheduled" });
  });

  it("refuses file_url schemes the client refuses (and links without an extension)", async () => {
    const c = await start({ existingChats: ["5511987650006"] });
    for (const fileUrl of ["ftp://cdn.example.com/a.pdf", "file:///etc/a.pdf", "javascript:alert(1).pdf"]) {
      const raw = await errorOf(c.call("message_file_send", { chat_number: "5511987650006", file_url: fileUrl }));
      expect(raw, fileUrl).toBeInstanceOf(ChatGuruApiError);
      expect(raw!.httpStatus).toBe(400);
      await expect(sendFile(c, { chatNumber: "5511987650006", fileUrl })).rejects.toBeInstanceOf(ChatGuruParamError);
    }
    expect(chat("5511987650006").sentMessages).toEqual([]);
  });

  it("the dialog context quirk answers with the recorded text", async () => {
    const c = await start({ existingChats: ["5511987650007"] });
    const first = await errorOf(c.call("dialog_execute", { chat_number: "5511987650007", dialog_id: "dlg-1" }));
    expect(first).toMatchObject({ code: "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED" });
    server!.reset();
    const raw = await fetch(server!.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        ...{ key: server!.credentials.key, account_id: server!.credentials.accountId },
        ...{ phone_id: server!.credentials.phoneId, action: "dialog_execute" },
        ...{ chat_number: "5511987650007", dialog_id: "dlg-1" },
      }),
    });
    expect(await raw.json()).toMatchObject({
      result: "error",
      dialog_execution_return:
        "Diálogo não foi executado pois o contexto não foi validado (certificação de contexto ativa).",
    });
  });
});

describe("custom fields by API name, as the field manager shows them", () => {
  it("the client's naming rule gives the field manager's API name for every listed panel name", () => {
    // `|`, accents, double spaces, digits, symbols: the client must land on exactly what the account lists.
    for (const [panel, apiName] of Object.entries(FIELD_MANAGER_NAMES))
      expect(toFieldApiName(panel), panel).toBe(apiName);
    for (const [panel, apiName] of Object.entries(FIELD_MANAGER_NAMES)) expect(mockFieldApiName(panel)).toBe(apiName);
  });

  it("a sync whose mapping uses panel names reaches fields configured only by API name", async () => {
    const c = await start({ existingChats: ["5511987650009"], customFields: Object.values(FIELD_MANAGER_NAMES) });
    const fields = Object.fromEntries(
      Object.keys(FIELD_MANAGER_NAMES).map((panel, i) => [toFieldApiName(panel), `v${i}`]),
    );
    await c.call("chat_update_custom_fields", { chat_number: "5511987650009", ...fields });
    expect(Object.keys(chat("5511987650009").fields).sort()).toEqual(Object.values(FIELD_MANAGER_NAMES).sort());
    // A name the account does not list is refused — the mock never derives its list from the client.
    const unknown = await errorOf(
      c.call("chat_update_custom_fields", { chat_number: "5511987650009", field__Informacao__extra: "x" }),
    );
    expect(unknown).toMatchObject({ code: "CHATGURU_FIELD_NOT_CONFIGURED" });
  });
});
