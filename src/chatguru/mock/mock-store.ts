import { randomBytes } from "node:crypto";
import { isContextVarName, isFieldApiName, stripFieldPrefix, toFieldApiName } from "../field-names.js";
import type { MockBehaviour, MockExistingChat } from "./mock-options.js";

/**
 * The fake account behind the mock server: chats, pending adds, messages, counters. Synchronous, so concurrent
 * requests cannot interleave inside one action. Every behaviour cites the SPEC §2 observation it reproduces.
 */

export interface MockChatState {
  number: string;
  name: string;
  /** API name (`field__Email`) → value. */
  fields: Record<string, string>;
  notes: string[];
  dialogs: string[];
  /** message_send + message_file_send calls. */
  messages: number;
  createdVia: "seed" | "chat_add";
  /** chat_update_context variables (`var__X`). */
  context: Record<string, string>;
  userId?: string;
}

export interface MockLogEntry {
  at: number;
  action: string;
  chatNumber?: string;
  /** HTTP status; 0 when the connection was reset or never answered (see `fault`). */
  status: number;
  fault?: "rate-limit" | "fail" | "reset" | "timeout";
}

export interface MockState {
  chats: MockChatState[];
  /** Configured custom fields as API names. */
  customFields: string[];
  requests: { total: number; byAction: Record<string, number> };
  /** chat_add calls that were applied, per chat_number as sent. */
  chatAddsByNumber: Record<string, number>;
  pendingAdds: number;
  log: MockLogEntry[];
}

export interface MockReply {
  status: number;
  body: Record<string, unknown>;
}

interface Chat extends MockChatState {
  chatId: string;
  /** dialog_execute quirk: the first call per chat fails with "contexto não foi validado". */
  dialogContextValidated: boolean;
}

interface PendingAdd {
  id: string;
  number: string;
  name: string;
  userId?: string;
  dialogId?: string;
  readyAt: number;
  refusal?: string;
  outcome?: { status: "done" | "fetched" | "error"; description: string };
}

interface Message {
  id: string;
  sendAt: number;
}

const NUMBER = /^\d{10,15}$/;
const SEND_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
/** Brasília has had no daylight saving time since 2019: UTC-3 all year. */
const BRASILIA_OFFSET_MS = 3 * 3600_000;

export const KNOWN_MOCK_ACTIONS = new Set([
  "message_send",
  "message_status",
  "chat_add",
  "chat_add_status",
  "chat_update_custom_fields",
  "note_add",
  "dialog_execute",
  "message_file_send",
  "chat_update_name",
  "chat_update_context",
]);

export function newObjectId(): string {
  return randomBytes(12).toString("hex");
}

export function ok(status: number, fields: Record<string, unknown>): MockReply {
  return { status, body: { code: status, result: "success", ...fields } };
}

export function fail(status: number, description: string, extra: Record<string, unknown> = {}): MockReply {
  return { status, body: { code: status, result: "error", description, ...extra } };
}

/** 13-digit Brazilian mobile ↔ 12-digit form without the 9th digit (SPEC §2 "The 9th digit"). */
export function otherBrazilianForm(number: string): string | undefined {
  if (/^55\d{2}9\d{8}$/.test(number)) return number.slice(0, 4) + number.slice(5);
  if (/^55\d{2}[6-9]\d{7}$/.test(number)) return `${number.slice(0, 4)}9${number.slice(4)}`;
  return undefined;
}

export class MockStore {
  private chats = new Map<string, Chat>();
  private adds = new Map<string, PendingAdd>();
  private messages = new Map<string, Message>();
  private requestTotal = 0;
  private byAction: Record<string, number> = {};
  private addsByNumber: Record<string, number> = {};
  private log: MockLogEntry[] = [];

  constructor(
    private behaviour: () => Readonly<MockBehaviour>,
    private readonly existing: readonly MockExistingChat[],
    private readonly now: () => number = Date.now,
  ) {
    this.reset();
  }

  reset(): void {
    this.chats.clear();
    this.adds.clear();
    this.messages.clear();
    this.requestTotal = 0;
    this.byAction = {};
    this.addsByNumber = {};
    this.log = [];
    for (const seed of this.existing) {
      const { number, name = "", fields = {} } = typeof seed === "string" ? { number: seed } : seed;
      const chat = this.createChat(number, name, "seed");
      for (const [field, value] of Object.entries(fields)) chat.fields[toFieldApiName(field)] = value;
    }
  }

  countRequest(action: string): void {
    this.requestTotal += 1;
    const key = action === "" ? "(none)" : action;
    this.byAction[key] = (this.byAction[key] ?? 0) + 1;
  }

  record(entry: MockLogEntry): void {
    this.log.push(entry);
  }

  state(): MockState {
    this.settleDueAdds();
    return structuredClone({
      chats: [...this.chats.values()].map(({ chatId: _id, dialogContextValidated: _v, ...chat }) => chat),
      customFields: this.configuredFields(),
      requests: { total: this.requestTotal, byAction: this.byAction },
      chatAddsByNumber: this.addsByNumber,
      pendingAdds: [...this.adds.values()].filter((a) => !a.outcome).length,
      log: this.log,
    });
  }

  /** Runs one authenticated API action and applies its effect. */
  handle(action: string, params: Record<string, string>): MockReply {
    this.settleDueAdds();
    switch (action) {
      case "chat_add":
        return this.chatAdd(params);
      case "chat_add_status":
        return this.chatAddStatus(params);
      case "message_status":
        return this.messageStatus(params);
    }
    const chatNumber = params.chat_number;
    if (chatNumber === undefined || chatNumber.trim() === "") return fail(400, "chat_number não informado");
    // Exact stored form only: trying the other 9th-digit form is the client engine's job (SPEC §2).
    const chat = this.chats.get(chatNumber);
    if (!chat) return fail(400, "Chat não encontrado.");
    switch (action) {
      case "chat_update_custom_fields":
        return this.updateCustomFields(chat, params);
      case "note_add":
        return this.noteAdd(chat, params);
      case "dialog_execute":
        return this.dialogExecute(chat, params);
      case "message_send":
        return this.messageSend(chat, params);
      case "message_file_send":
        return this.messageFileSend(chat, params);
      case "chat_update_name":
        return this.updateName(chat, params);
      case "chat_update_context":
        return this.updateContext(chat, params);
      default:
        return fail(400, "Ação inválida");
    }
  }

  // --- chat_add ------------------------------------------------------------------------------------------------

  private chatAdd(params: Record<string, string>): MockReply {
    const number = params.chat_number;
    if (number === undefined || number.trim() === "") return fail(400, "chat_number não informado");
    if (!NUMBER.test(number)) return fail(400, `chat_number inválido: ${number}`);
    if (params.name === undefined || params.name.trim() === "") return fail(400, "name não informado");
    if (params.text === undefined) return fail(400, "text não informado");
    const behaviour = this.behaviour();
    // Official WhatsApp Business numbers cannot open a conversation with free text (SPEC §2).
    if (behaviour.officialWhatsApp && params.text.trim() !== "") return fail(400, "Mensagem inicial inválida");
    const id = newObjectId();
    const add: PendingAdd = { id, number, name: params.name, readyAt: this.now() + behaviour.addDelayMs };
    if (params.user_id) add.userId = params.user_id;
    if (params.dialog_id) add.dialogId = params.dialog_id;
    const refusal = this.refusalOf(number, behaviour);
    if (refusal) add.refusal = refusal;
    this.adds.set(id, add);
    this.addsByNumber[number] = (this.addsByNumber[number] ?? 0) + 1;
    return ok(201, {
      description: "Chat cadastrado para inclusão com sucesso!",
      chat_add_id: id,
      chat_add_status: "pending",
    });
  }

  private refusalOf(number: string, behaviour: Readonly<MockBehaviour>): string | undefined {
    const other = otherBrazilianForm(number);
    if (
      behaviour.refusedNumbers.includes(number) ||
      (other !== undefined && behaviour.refusedNumbers.includes(other))
    ) {
      return "Número não possui WhatsApp";
    }
    if (behaviour.refuseZeroSuffix && number.endsWith("0000")) return "Número não possui WhatsApp";
    return undefined;
  }

  private chatAddStatus(params: Record<string, string>): MockReply {
    const id = params.chat_add_id;
    if (id === undefined || id.trim() === "") return fail(400, "chat_add_id não informado");
    const add = this.adds.get(id);
    if (!add) return fail(400, `chat_add_id não encontrado: ${id}`);
    const { status, description } = add.outcome ?? { status: "pending", description: "Chat aguardando inclusão" };
    return ok(200, { chat_add_id: id, chat_add_status: status, chat_add_status_description: description });
  }

  /** chat_add is asynchronous (SPEC §2): the chat appears only when the add settles, `addDelayMs` later. */
  private settleDueAdds(): void {
    const now = this.now();
    const due = [...this.adds.values()]
      .filter((a) => !a.outcome && a.readyAt <= now)
      .sort((a, b) => a.readyAt - b.readyAt);
    for (const add of due) add.outcome = this.settle(add);
  }

  private settle(add: PendingAdd): NonNullable<PendingAdd["outcome"]> {
    if (add.refusal) return { status: "error", description: add.refusal };
    const other = otherBrazilianForm(add.number);
    // Unlike the update actions, chat_add finds a chat under either 9th-digit form: it answers `fetched`.
    const existing = this.chats.get(add.number) ?? (other !== undefined ? this.chats.get(other) : undefined);
    if (existing) {
      return { status: "fetched", description: `Chat já existente.${corrected(add.number, existing.number)}` };
    }
    const stored = this.storageForm(add.number);
    const chat = this.createChat(stored, add.name, "chat_add");
    if (add.userId) chat.userId = add.userId;
    // chat_add's dialog_id runs only for a new chat; a fetched chat needs dialog_execute (SPEC §2).
    if (add.dialogId) chat.dialogs.push(add.dialogId);
    return { status: "done", description: `Chat adicionado com sucesso!${corrected(add.number, stored)}` };
  }

  /** Some area codes keep the 12-digit form WhatsApp registered (SPEC §2 "The 9th digit"). */
  private storageForm(number: string): string {
    const match = /^55(\d{2})9\d{8}$/.exec(number);
    if (match && this.behaviour().twelveDigitAreaCodes.includes(match[1]!)) return otherBrazilianForm(number)!;
    return number;
  }

  private createChat(number: string, name: string, via: Chat["createdVia"]): Chat {
    const chat: Chat = {
      number,
      name,
      fields: {},
      notes: [],
      dialogs: [],
      messages: 0,
      createdVia: via,
      context: {},
      chatId: newObjectId(),
      dialogContextValidated: false,
    };
    this.chats.set(number, chat);
    return chat;
  }

  // --- actions on an existing chat ---------------------------------------------------------------------------------

  private configuredFields(): string[] {
    return this.behaviour().customFields.map(toFieldApiName);
  }

  private updateCustomFields(chat: Chat, params: Record<string, string>): MockReply {
    const updates = Object.entries(params).filter(([name]) => isFieldApiName(name));
    if (updates.length === 0) return fail(400, "Nenhum campo informado");
    const configured = new Set(this.configuredFields());
    // All or nothing: one unknown field rejects the whole call.
    const unknown = updates.find(([name]) => !configured.has(name));
    if (unknown) return fail(400, `Nenhum campo personalizado encontrado com o nome ${stripFieldPrefix(unknown[0])}`);
    for (const [name, value] of updates) chat.fields[name] = value;
    return ok(200, { chat_id: chat.chatId, description: "Campos personalizados foram salvos." });
  }

  private noteAdd(chat: Chat, params: Record<string, string>): MockReply {
    if (!params.note_text) return fail(400, "note_text não informado");
    chat.notes.push(params.note_text);
    return ok(200, { note_id: newObjectId(), description: "Anotação criada com sucesso" });
  }

  private dialogExecute(chat: Chat, params: Record<string, string>): MockReply {
    if (!params.dialog_id) return fail(400, "dialog_id não informado");
    if (this.behaviour().dialogContextQuirk && !chat.dialogContextValidated) {
      chat.dialogContextValidated = true;
      // HTTP 200 but result "error": observed in the field; one immediate retry succeeds (SPEC §2).
      return {
        status: 200,
        body: { code: 200, result: "error", dialog_execution_return: "Erro: contexto não foi validado" },
      };
    }
    chat.dialogs.push(params.dialog_id);
    return ok(200, { dialog_execution_return: "Diálogo executado" });
  }

  private messageSend(chat: Chat, params: Record<string, string>): MockReply {
    if (!params.text) return fail(400, "text não informado");
    let sendAt = this.now() + this.behaviour().messageSentAfterMs;
    if (params.send_date !== undefined && params.send_date !== "") {
      const match = SEND_DATE.exec(params.send_date);
      if (!match) return fail(400, "send_date inválido, use o formato YYYY-MM-DD HH:MM");
      const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
      sendAt = Math.max(sendAt, Date.UTC(y, mo - 1, d, h, mi) + BRASILIA_OFFSET_MS);
    }
    const id = newObjectId();
    this.messages.set(id, { id, sendAt });
    chat.messages += 1;
    return ok(201, { description: "Mensagem cadastrada com sucesso!", message_id: id, message_status: "scheduled" });
  }

  private messageStatus(params: Record<string, string>): MockReply {
    if (!params.message_id) return fail(400, "message_id não informado");
    const message = this.messages.get(params.message_id);
    if (!message) return fail(400, "Mensagem não encontrada");
    return ok(200, { message_status: this.now() >= message.sendAt ? "sent" : "scheduled" });
  }

  private messageFileSend(chat: Chat, params: Record<string, string>): MockReply {
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
    const id = newObjectId();
    this.messages.set(id, { id, sendAt: this.now() + this.behaviour().messageSentAfterMs });
    chat.messages += 1;
    return ok(201, {
      description: "Arquivo cadastrado para envio com sucesso!",
      message_id: id,
      message_status: "scheduled",
    });
  }

  private updateName(chat: Chat, params: Record<string, string>): MockReply {
    if (!params.chat_name) return fail(400, "chat_name não informado");
    chat.name = params.chat_name;
    return ok(200, { description: "Nome do chat atualizado com sucesso." });
  }

  private updateContext(chat: Chat, params: Record<string, string>): MockReply {
    const vars = Object.entries(params).filter(([name]) => isContextVarName(name));
    if (vars.length === 0) return fail(400, "Nenhuma variável informada");
    for (const [name, value] of vars) chat.context[name] = value;
    return ok(200, { description: "Contexto do chat atualizado com sucesso." });
  }
}

function corrected(given: string, stored: string): string {
  return given === stored ? "" : ` Número corrigido para ${stored}`;
}
