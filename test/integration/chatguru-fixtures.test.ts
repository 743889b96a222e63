import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addNote,
  chatAdd,
  executeDialog,
  getChatAddStatus,
  getMessageStatus,
  sendFile,
  sendMessage,
  updateCustomFields,
} from "../../src/chatguru/actions.js";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import { classifyChatGuruError } from "../../src/chatguru/classify-error.js";
import { ChatGuruAuthError } from "../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";

/** Real-shaped bodies (fixtures/chatguru, from the API document) served verbatim for each action. */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/chatguru/${name}`, import.meta.url), "utf8");
const BY_ACTION: Record<string, string> = {
  chat_add: "chat-add.json",
  chat_add_status: "chat-add-status-done.json",
  chat_update_custom_fields: "chat-update-custom-fields.json",
  note_add: "note-add.json",
  dialog_execute: "dialog-execute.json",
  message_send: "message-send.json",
  message_status: "message-status.json",
};

let server: http.Server;
let client: ChatGuruClient;
let override: string | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString("utf8")));
    req.on("end", () => {
      const action = new URLSearchParams(body).get("action") ?? "";
      const text = override ? fixture(override) : fixture(BY_ACTION[action]!);
      res.writeHead((JSON.parse(text) as { code: number }).code, { "Content-Type": "application/json" });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  client = createChatGuruClient({
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    key: "test-key-not-real",
    accountId: "acc",
    phoneId: "ph",
  });
});
afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("actions parse the documented response shapes", () => {
  it("success bodies", async () => {
    expect(await chatAdd(client, { chatNumber: "5511999999999", name: "A" })).toEqual({
      chatAddId: "5dd69c2300078e1be17fffd4",
      status: "pending",
    });
    expect(await getChatAddStatus(client, "5e3e9c0f52313722bd2e11a2")).toEqual({
      status: "done",
      description: "Chat adicionado com sucesso!",
    });
    expect(await updateCustomFields(client, "5511999999999", { Email: "a@b.c" })).toEqual({
      chatId: "5e52b639600ce7d9be01f6cd",
    });
    expect(await addNote(client, "5511999999999", "n")).toEqual({ noteId: "5ebbc4ded8d8eaf9919970a9" });
    expect(await executeDialog(client, "5511999999999", "d")).toEqual({ result: "Diálogo executado" });
    expect(await sendMessage(client, { chatNumber: "5511999999999", text: "oi" })).toEqual({
      messageId: "5dd69cde00078e1be17fffd4",
      status: "scheduled",
    });
    expect(await getMessageStatus(client, "5dd69cde00078e1be17fffd4")).toEqual({ status: "sent" });
  });

  it("error bodies", async () => {
    override = "error-chat-not-found.json";
    expect(classifyChatGuruError(await addNote(client, "1", "n").catch((e: unknown) => e))).toMatchObject({
      kind: "row",
      code: "CHATGURU_CHAT_NOT_FOUND",
    });
    override = "error-dialog-context.json";
    expect(classifyChatGuruError(await executeDialog(client, "1", "d").catch((e: unknown) => e))).toMatchObject({
      code: "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED",
    });
    override = "error-json-body.json";
    expect(await addNote(client, "1", "n").catch((e: unknown) => e)).toBeInstanceOf(ChatGuruAuthError);
    override = undefined;
  });
});

describe("every documented answer shape has a fixture the client reads", () => {
  const status = async (name: string) => {
    override = name;
    try {
      return await getChatAddStatus(client, "id");
    } finally {
      override = undefined;
    }
  };

  it("chat_add_status: fetched, error and a `corrigido para` number", async () => {
    expect(await status("chat-add-status-fetched.json")).toEqual({
      status: "fetched",
      description: "Chat já existente.",
    });
    expect(await status("chat-add-status-error.json")).toEqual({
      status: "error",
      description: "Número não possui WhatsApp",
    });
    expect(await status("chat-add-status-corrected.json")).toMatchObject({
      status: "done",
      correctedNumber: "554799998888",
    });
  });

  it("message_file_send answers message_file_send_return (no id)", async () => {
    override = "message-file-send.json";
    const answer = await sendFile(client, { chatNumber: "5511999999999", fileUrl: "https://x.example/a.pdf" });
    override = undefined;
    expect(answer).toEqual({ messageId: undefined, status: undefined });
  });

  it("an unknown field, a chat that does not exist, the dialog context text", async () => {
    override = "error-unknown-field.json";
    expect(
      classifyChatGuruError(await updateCustomFields(client, "1", { X: "y" }).catch((e: unknown) => e)),
    ).toMatchObject({ kind: "row", code: "CHATGURU_FIELD_NOT_CONFIGURED" });
    override = "error-chat-not-exists.json";
    expect(
      classifyChatGuruError(await sendMessage(client, { chatNumber: "1", text: "oi" }).catch((e: unknown) => e)),
    ).toMatchObject({ kind: "row", code: "CHATGURU_CHAT_NOT_FOUND" });
    override = "error-dialog-context.json";
    expect(classifyChatGuruError(await executeDialog(client, "1", "d").catch((e: unknown) => e))).toMatchObject({
      code: "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED",
    });
    override = undefined;
  });
});
