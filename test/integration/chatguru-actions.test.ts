import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  addNote,
  chatAdd,
  executeDialog,
  getChatAddStatus,
  getMessageStatus,
  sendFile,
  sendMessage,
  updateChatContext,
  updateChatName,
  updateCustomFields,
} from "../../src/chatguru/actions.js";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import { classifyChatGuruError } from "../../src/chatguru/classify-error.js";
import { ChatGuruApiError, ChatGuruParamError } from "../../src/chatguru/errors.js";
import { startMockServer, type MockServer, type MockServerOptions } from "../../src/chatguru/mock/mock-server.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";

let mock: MockServer;
let client: ChatGuruClient;

async function start(options: MockServerOptions = {}): Promise<void> {
  if (mock) await mock.close();
  client?.close();
  mock = await startMockServer(options);
  client = createChatGuruClient({ apiUrl: mock.url, ...mock.credentials, timeoutMs: 5000 });
}

beforeEach(() => start({ existingChats: [{ number: "5511987654321", name: "Ana" }, "554797565906"] }));
afterEach(async () => {
  vi.useRealTimers();
  client.close();
  await mock.close();
});

/**
 * The mock settles adds and messages by its clock (Date.now, read when it starts): a test that fakes Date before
 * starting it moves that clock on instead of sleeping. Timers stay real, so HTTP works as usual.
 */
async function startOnFakeClock(options: MockServerOptions): Promise<void> {
  vi.useFakeTimers({ toFake: ["Date"] });
  await start(options);
}
const advanceClock = (ms: number) => vi.setSystemTime(Date.now() + ms);

const chatOf = (number: string) => mock.state().chats.find((c) => c.number === number);

describe("actions against the mock server", () => {
  it("chatAdd sends text ' ' by default and the add settles to done", async () => {
    const add = await chatAdd(client, { chatNumber: "5511912345678", name: "Bruno" });
    expect(add.status).toBe("pending");
    expect(add.chatAddId).toMatch(/^[0-9a-f]{24}$/);
    const status = await getChatAddStatus(client, add.chatAddId);
    expect(status).toEqual({ status: "done", description: "Chat adicionado com sucesso!" });
    expect(chatOf("5511912345678")).toMatchObject({ name: "Bruno", createdVia: "chat_add" });
    expect(mock.state().chatAddsByNumber).toEqual({ "5511912345678": 1 });
  });

  it("chatAdd with a delay stays pending, then done; a number with a chat is fetched", async () => {
    await startOnFakeClock({ addDelayMs: 150 });
    const add = await chatAdd(client, { chatNumber: "5511912345678", name: "Bruno", userId: "u1", dialogId: "dlg-1" });
    expect((await getChatAddStatus(client, add.chatAddId)).status).toBe("pending");
    expect(chatOf("5511912345678")).toBeUndefined();
    advanceClock(200);
    expect((await getChatAddStatus(client, add.chatAddId)).status).toBe("done");
    expect(chatOf("5511912345678")).toMatchObject({ userId: "u1", dialogs: ["dlg-1"] });

    const again = await chatAdd(client, { chatNumber: "5511912345678", name: "Bruno", dialogId: "dlg-1" });
    advanceClock(200);
    const fetched = await getChatAddStatus(client, again.chatAddId);
    expect(fetched.status).toBe("fetched");
    // dialog_id of chat_add does not run for an existing chat.
    expect(chatOf("5511912345678")!.dialogs).toEqual(["dlg-1"]);
  });

  it("a 12-digit area code is stored without the 9th digit: 'corrigido para' → correctedNumber", async () => {
    const add = await chatAdd(client, { chatNumber: "5548998765432", name: "Carla" });
    const status = await getChatAddStatus(client, add.chatAddId);
    expect(status.status).toBe("done");
    expect(status.description).toBe("Chat adicionado com sucesso! Número corrigido para 554898765432");
    expect(status.correctedNumber).toBe("554898765432");
    expect(chatOf("554898765432")).toBeDefined();
    expect(chatOf("5548998765432")).toBeUndefined();
  });

  it("chat_add finds an existing chat under the other 9th-digit form: fetched", async () => {
    const add = await chatAdd(client, { chatNumber: "5547997565906", name: "Dani" });
    const status = await getChatAddStatus(client, add.chatAddId);
    expect(status.status).toBe("fetched");
    expect(status.correctedNumber).toBe("554797565906");
  });

  it("refused numbers end in error with a Portuguese reason", async () => {
    const add = await chatAdd(client, { chatNumber: "5511987650000", name: "Eva" });
    expect(await getChatAddStatus(client, add.chatAddId)).toEqual({
      status: "error",
      description: "Número não possui WhatsApp",
    });
    expect(chatOf("5511987650000")).toBeUndefined();
  });

  it("official WhatsApp numbers refuse a chat_add text but accept the default blank", async () => {
    await start({ officialWhatsApp: true });
    const error = await chatAdd(client, { chatNumber: "5511912345678", name: "F", text: "Olá!" }).catch(
      (e: unknown) => e,
    );
    expect(classifyChatGuruError(error)).toMatchObject({ kind: "row", code: "CHATGURU_INITIAL_MESSAGE_INVALID" });
    await expect(chatAdd(client, { chatNumber: "5511912345678", name: "F" })).resolves.toMatchObject({
      status: "pending",
    });
  });

  it('updateCustomFields converts panel names and saves values ("" included)', async () => {
    const result = await updateCustomFields(client, "5511987654321", {
      Email: "ana@example.com",
      "CRM | Link negócio": "https://crm/1",
      field__Etapa: "",
    });
    expect(result.chatId).toMatch(/^[0-9a-f]{24}$/);
    expect(chatOf("5511987654321")!.fields).toEqual({
      field__Email: "ana@example.com",
      field__CRM__Link_negocio: "https://crm/1",
      field__Etapa: "",
    });
  });

  it("a field not configured → CHATGURU_FIELD_NOT_CONFIGURED and nothing saved", async () => {
    const error = await updateCustomFields(client, "5511987654321", { Email: "a@b.c", "Não existe": "x" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChatGuruApiError);
    expect((error as ChatGuruApiError).description).toBe("Nenhum campo personalizado encontrado com o nome Nao_existe");
    expect(classifyChatGuruError(error)).toMatchObject({ kind: "row", code: "CHATGURU_FIELD_NOT_CONFIGURED" });
    expect(chatOf("5511987654321")!.fields).toEqual({});
  });

  it("two names for the same API field are refused before sending", async () => {
    await expect(
      updateCustomFields(client, "5511987654321", { "Etapa do funil": "a", Etapa_do_funil: "b" }),
    ).rejects.toBeInstanceOf(ChatGuruParamError);
    expect(mock.state().requests.total).toBe(0);
  });

  it("Chat não encontrado for an unknown number; the mock does not try the other 9th-digit form", async () => {
    for (const number of ["5511900000001", "5547997565906"]) {
      const error = await addNote(client, number, "x").catch((e: unknown) => e);
      expect(classifyChatGuruError(error)).toMatchObject({ kind: "row", code: "CHATGURU_CHAT_NOT_FOUND" });
    }
  });

  it("addNote, executeDialog (context quirk then success), updateChatName, updateChatContext", async () => {
    expect((await addNote(client, "5511987654321", "Importado da planilha")).noteId).toMatch(/^[0-9a-f]{24}$/);
    const quirk = await executeDialog(client, "5511987654321", "dlg-2").catch((e: unknown) => e);
    expect(classifyChatGuruError(quirk)).toMatchObject({ kind: "row", code: "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED" });
    expect(await executeDialog(client, "5511987654321", "dlg-2")).toEqual({ result: "Diálogo executado" });
    await updateChatName(client, "5511987654321", "Ana Souza");
    await updateChatContext(client, "5511987654321", { "Plano atual": "ouro" });
    expect(chatOf("5511987654321")).toMatchObject({
      name: "Ana Souza",
      notes: ["Importado da planilha"],
      dialogs: ["dlg-2"],
      context: { var__Plano_atual: "ouro" },
    });
  });

  it("sendMessage → scheduled, then sent; a future send_date stays scheduled", async () => {
    await startOnFakeClock({ existingChats: ["5511987654321"], messageSentAfterMs: 100 });
    const m = await sendMessage(client, { chatNumber: "5511987654321", text: "Oi" });
    expect(m.status).toBe("scheduled");
    expect((await getMessageStatus(client, m.messageId)).status).toBe("scheduled");
    advanceClock(150);
    expect((await getMessageStatus(client, m.messageId)).status).toBe("sent");
    const future = await sendMessage(client, {
      chatNumber: "5511987654321",
      text: "Depois",
      sendDate: new Date(Date.now() + 3_600_000),
    });
    advanceClock(150);
    expect((await getMessageStatus(client, future.messageId)).status).toBe("scheduled");
    expect(chatOf("5511987654321")!.messages).toBe(2);
    await expect(
      sendMessage(client, { chatNumber: "5511987654321", text: "x", sendDate: "amanhã" }),
    ).rejects.toBeInstanceOf(ChatGuruParamError);
  });

  it("sendFile needs a URL ending in an extension (checked before sending, and by the mock)", async () => {
    await expect(
      sendFile(client, {
        chatNumber: "5511987654321",
        fileUrl: "https://cdn.example.com/catalogo.pdf",
        caption: "Catálogo",
      }),
    ).resolves.toMatchObject({
      status: "scheduled",
    });
    await expect(
      sendFile(client, { chatNumber: "5511987654321", fileUrl: "https://cdn.example.com/download?id=1" }),
    ).rejects.toBeInstanceOf(ChatGuruParamError);
    const raw = await client
      .call("message_file_send", { chat_number: "5511987654321", file_url: "https://cdn.example.com/download" })
      .catch((e: unknown) => e);
    expect((raw as ChatGuruApiError).httpStatus).toBe(400);
  });
});
