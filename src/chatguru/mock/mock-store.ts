import { MockAdds } from "./mock-adds.js";
import { dialogExecute, noteAdd, updateContext, updateCustomFields, updateName } from "./mock-chat-actions.js";
import { MockChats } from "./mock-chats.js";
import { mockFieldApiName } from "./mock-field-names.js";
import { MockMessages } from "./mock-messages.js";
import type { MockBehaviour, MockExistingChat } from "./mock-options.js";
import { fail, type MockReply } from "./mock-reply.js";
import type { MockLogEntry, MockState } from "./mock-state.js";

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

/**
 * The fake account behind the mock server: chats, pending adds, messages, counters. Synchronous, so concurrent
 * requests cannot interleave inside one action. Every behaviour says which ChatGuru observation it reproduces.
 */
export class MockStore {
  private readonly chats = new MockChats();
  private readonly adds: MockAdds;
  private readonly messages: MockMessages;
  private requestTotal = 0;
  private byAction: Record<string, number> = {};
  private log: MockLogEntry[] = [];

  constructor(
    private behaviour: () => Readonly<MockBehaviour>,
    private readonly existing: readonly MockExistingChat[],
    private readonly now: () => number = Date.now,
  ) {
    this.messages = new MockMessages(behaviour, now);
    this.adds = new MockAdds(this.chats, behaviour, now, (chat, text) => this.messages.firstMessage(chat, text));
    this.reset();
  }

  reset(): void {
    this.chats.clear();
    this.adds.clear();
    this.messages.clear();
    this.requestTotal = 0;
    this.byAction = {};
    this.log = [];
    for (const seed of this.existing) {
      const { number, name = "", fields = {} } = typeof seed === "string" ? { number: seed } : seed;
      const chat = this.chats.create(number, name, "seed");
      for (const [field, value] of Object.entries(fields)) chat.fields[mockFieldApiName(field)] = value;
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
    this.adds.settleDue();
    return structuredClone({
      chats: this.chats.list(this.now()),
      customFields: this.configuredFields(),
      requests: { total: this.requestTotal, byAction: this.byAction },
      chatAddsByNumber: this.adds.countsByNumber(),
      pendingAdds: this.adds.pendingCount(),
      log: this.log,
    });
  }

  /** Runs one authenticated API action and applies its effect. */
  handle(action: string, params: Record<string, string>): MockReply {
    this.adds.settleDue();
    switch (action) {
      case "chat_add":
        return this.adds.chatAdd(params);
      case "chat_add_status":
        return this.adds.chatAddStatus(params);
      case "message_status":
        return this.messages.status(params);
    }
    const chatNumber = params.chat_number;
    if (chatNumber === undefined || chatNumber.trim() === "") return fail(400, "chat_number não informado");
    // Exact stored form only: trying the other 9th-digit form is the client engine's job.
    const chat = this.chats.get(chatNumber);
    // Observed: message_send answers "Chat não existe" where the other actions say "Chat não encontrado.".
    if (!chat) return fail(400, action === "message_send" ? "Chat não existe" : "Chat não encontrado.");
    switch (action) {
      case "chat_update_custom_fields":
        return updateCustomFields(chat, params, this.configuredFields());
      case "note_add":
        return noteAdd(chat, params);
      case "dialog_execute":
        return dialogExecute(chat, params, this.behaviour());
      case "message_send":
        return this.messages.send(chat, params);
      case "message_file_send":
        return this.messages.sendFile(chat, params);
      case "chat_update_name":
        return updateName(chat, params);
      case "chat_update_context":
        return updateContext(chat, params);
      default:
        return fail(400, "Ação inválida");
    }
  }

  private configuredFields(): string[] {
    return this.behaviour().customFields.map(mockFieldApiName);
  }
}
