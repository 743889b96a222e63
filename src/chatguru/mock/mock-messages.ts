import { SEND_DATE_PATTERN } from "../send-date.js";
import type { MockChat } from "./mock-chats.js";
import type { MockBehaviour } from "./mock-options.js";
import { fail, newObjectId, ok, type MockReply } from "./mock-reply.js";

/** Brasília has had no daylight saving time since 2019: UTC-3 all year. */
const BRASILIA_OFFSET_MS = 3 * 3600_000;

/** message_send, message_file_send and message_status: a message is `scheduled` until its send time, then `sent`. */
export class MockMessages {
  private readonly sendAtById = new Map<string, number>();

  constructor(
    private readonly behaviour: () => Readonly<MockBehaviour>,
    private readonly now: () => number,
  ) {}

  clear(): void {
    this.sendAtById.clear();
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
    const id = this.schedule(chat, sendAt);
    return ok(201, { description: "Mensagem cadastrada com sucesso!", message_id: id, message_status: "scheduled" });
  }

  sendFile(chat: MockChat, params: Record<string, string>): MockReply {
    const fileUrl = params.file_url;
    if (!fileUrl) return fail(400, "file_url não informado");
    let last: string;
    try {
      last = new URL(fileUrl).pathname.split("/").pop() ?? "";
    } catch {
      return fail(400, "file_url inválida");
    }
    if (!/\.[A-Za-z0-9]{1,10}$/.test(last))
      return fail(400, "file_url inválida: o link deve terminar com a extensão do arquivo");
    const id = this.schedule(chat, this.now() + this.behaviour().messageSentAfterMs);
    return ok(201, {
      description: "Arquivo cadastrado para envio com sucesso!",
      message_id: id,
      message_status: "scheduled",
    });
  }

  status(params: Record<string, string>): MockReply {
    if (!params.message_id) return fail(400, "message_id não informado");
    const sendAt = this.sendAtById.get(params.message_id);
    if (sendAt === undefined) return fail(400, "Mensagem não encontrada");
    return ok(200, { message_status: this.now() >= sendAt ? "sent" : "scheduled" });
  }

  private schedule(chat: MockChat, sendAt: number): string {
    const id = newObjectId();
    this.sendAtById.set(id, sendAt);
    chat.messages += 1;
    return id;
  }
}
