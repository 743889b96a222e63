import { SEND_DATE_PATTERN } from "../send-date.js";
import type { MockChat, StoredMessage } from "./mock-chats.js";
import type { MockBehaviour } from "./mock-options.js";
import { fail, newObjectId, ok, type MockReply } from "./mock-reply.js";

/** Brasília has had no daylight saving time since 2019: UTC-3 all year. */
const BRASILIA_OFFSET_MS = 3 * 3600_000;

/**
 * message_send, message_file_send and message_status: a message is `scheduled` until its send time, then `sent`.
 * Every message is kept on its chat (`sentMessages` in /__mock/state) so tests see exactly what a contact received.
 */
export class MockMessages {
  private readonly byId = new Map<string, StoredMessage>();

  constructor(
    private readonly behaviour: () => Readonly<MockBehaviour>,
    private readonly now: () => number,
  ) {}

  clear(): void {
    this.byId.clear();
  }

  send(chat: MockChat, params: Record<string, string>): MockReply {
    if (!params.text) return fail(400, "text não informado");
    let sendAt = this.now() + this.behaviour().messageSentAfterMs;
    if (params.send_date !== undefined && params.send_date !== "") {
      const match = SEND_DATE_PATTERN.exec(params.send_date);
      if (!match) return fail(400, "send_date inválido, use o formato YYYY-MM-DD HH:MM");
      const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
      sendAt = Math.max(sendAt, Date.UTC(y, mo - 1, d, h, mi) + BRASILIA_OFFSET_MS);
    }
    const sendDate = params.send_date ? { sendDate: params.send_date } : {};
    const id = this.store(chat, { via: "message_send", text: params.text, ...sendDate }, sendAt);
    return ok(201, { description: "Mensagem cadastrada com sucesso!", message_id: id, message_status: "scheduled" });
  }

  sendFile(chat: MockChat, params: Record<string, string>): MockReply {
    const fileUrl = params.file_url;
    if (!fileUrl) return fail(400, "file_url não informado");
    let url: URL;
    try {
      url = new URL(fileUrl);
    } catch {
      return fail(400, "file_url inválida");
    }
    // ChatGuru downloads the file itself: only a public http(s) link can work (the client refuses the others too).
    if (url.protocol !== "http:" && url.protocol !== "https:") return fail(400, "file_url inválida");
    const last = url.pathname.split("/").pop() ?? "";
    if (!/\.[A-Za-z0-9]{1,10}$/.test(last))
      return fail(400, "file_url inválida: o link deve terminar com a extensão do arquivo");
    const caption = params.caption ? { caption: params.caption } : {};
    const sendAt = this.now() + this.behaviour().messageSentAfterMs;
    const id = this.store(chat, { via: "message_file_send", fileUrl, ...caption }, sendAt);
    // As integrators saw it: the answer carries `message_file_send_return` (the document shows no body), plus the
    // message id and status that message_send gives, which the engine keeps when present.
    return ok(201, {
      message_file_send_return: "Arquivo enviado com sucesso!",
      message_id: id,
      message_status: "scheduled",
    });
  }

  status(params: Record<string, string>): MockReply {
    if (!params.message_id) return fail(400, "message_id não informado");
    const message = this.byId.get(params.message_id);
    if (message === undefined) return fail(400, "Mensagem não encontrada");
    return ok(200, { message_status: this.now() >= message.sendAt ? "sent" : "scheduled" });
  }

  /** chat_add's text is a real first WhatsApp message — unless blank, which registers the chat silently. */
  firstMessage(chat: MockChat, text: string | undefined): void {
    if (text === undefined || text.trim() === "") return;
    this.store(chat, { via: "chat_add", text }, this.now(), false);
  }

  private store(chat: MockChat, message: Omit<StoredMessage, "id" | "sendAt">, sendAt: number, count = true): string {
    const stored: StoredMessage = { id: newObjectId(), ...message, sendAt };
    this.byId.set(stored.id, stored);
    chat.sentMessages.push(stored);
    if (count) chat.messages += 1;
    return stored.id;
  }
}
