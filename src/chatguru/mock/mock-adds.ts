import type { MockChat, MockChats } from "./mock-chats.js";
import { CHAT_NUMBER, correctedSuffix, otherBrazilianForm, storageForm } from "./mock-numbers.js";
import type { MockBehaviour } from "./mock-options.js";
import { fail, newObjectId, ok, UNKNOWN_DIALOG, UNKNOWN_USER, type MockReply } from "./mock-reply.js";
import { mulberry32 } from "./mock-faults.js";

interface PendingAdd {
  id: string;
  number: string;
  name: string;
  /** chat_add's text: a real first WhatsApp message unless blank. */
  text?: string;
  userId?: string;
  dialogId?: string;
  readyAt: number;
  refusal?: string;
  outcome?: { status: "done" | "fetched" | "error"; description: string };
}

/**
 * chat_add and chat_add_status. chat_add is asynchronous: the call only queues the add, and the chat
 * appears when the add settles, `addDelayMs` later.
 */
export class MockAdds {
  private readonly adds = new Map<string, PendingAdd>();
  private byNumber: Record<string, number> = {};

  constructor(
    private readonly chats: MockChats,
    private readonly behaviour: () => Readonly<MockBehaviour>,
    private readonly now: () => number,
    /** Records chat_add's first message on the chat it reached. */
    private readonly onFirstMessage: (chat: MockChat, text: string | undefined) => void = () => {},
  ) {}

  private random: () => number = Math.random;

  clear(): void {
    this.adds.clear();
    this.byNumber = {};
    this.random = mulberry32(this.behaviour().seed);
  }

  /** A fixed delay, or one drawn per add from the range (reproducible: the mock's seed). */
  private delay(behaviour: Readonly<MockBehaviour>): number {
    const { addDelayMs: min, addDelayMaxMs: max } = behaviour;
    return max > min ? min + Math.round(this.random() * (max - min)) : min;
  }

  /** chat_add calls that were applied, per chat_number as sent. */
  countsByNumber(): Record<string, number> {
    return this.byNumber;
  }

  pendingCount(): number {
    return [...this.adds.values()].filter((a) => !a.outcome).length;
  }

  chatAdd(params: Record<string, string>): MockReply {
    const number = params.chat_number;
    if (number === undefined || number.trim() === "") return fail(400, "chat_number não informado");
    if (!CHAT_NUMBER.test(number)) return fail(400, `chat_number inválido: ${number}`);
    if (params.name === undefined || params.name.trim() === "") return fail(400, "name não informado");
    // Integrators observed chat_add accepted without `text`: it then registers the chat silently.
    const behaviour = this.behaviour();
    // Official WhatsApp Business numbers cannot open a conversation with free text.
    if (behaviour.officialWhatsApp && (params.text ?? "").trim() !== "") return fail(400, "Mensagem inicial inválida");
    // Ids the account does not have: ChatGuru's words are not documented (docs/chatguru-api-notes.md).
    if (params.user_id && !behaviour.users.includes(params.user_id)) return fail(400, UNKNOWN_USER);
    if (params.dialog_id && !behaviour.dialogs.includes(params.dialog_id)) return fail(400, UNKNOWN_DIALOG);
    const id = newObjectId();
    const add: PendingAdd = { id, number, name: params.name, readyAt: this.now() + this.delay(behaviour) };
    if (params.text !== undefined) add.text = params.text;
    if (params.user_id) add.userId = params.user_id;
    if (params.dialog_id) add.dialogId = params.dialog_id;
    const refusal = refusalOf(number, behaviour);
    if (refusal) add.refusal = refusal;
    this.adds.set(id, add);
    this.byNumber[number] = (this.byNumber[number] ?? 0) + 1;
    return ok(201, {
      description: "Chat cadastrado para inclusão com sucesso!",
      chat_add_id: id,
      chat_add_status: "pending",
    });
  }

  chatAddStatus(params: Record<string, string>): MockReply {
    const id = params.chat_add_id;
    if (id === undefined || id.trim() === "") return fail(400, "chat_add_id não informado");
    const add = this.adds.get(id);
    if (!add) return fail(400, `chat_add_id não encontrado: ${id}`);
    const { status, description } = add.outcome ?? { status: "pending", description: "Chat aguardando inclusão" };
    return ok(200, { chat_add_id: id, chat_add_status: status, chat_add_status_description: description });
  }

  /** Settles, in the order they became due, every add whose delay has passed. */
  settleDue(): void {
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
      // Whether ChatGuru sends the text again to a chat that existed is not known: recorded, so a test sees it.
      this.onFirstMessage(existing, add.text);
      return { status: "fetched", description: `Chat já existente.${correctedSuffix(add.number, existing.number)}` };
    }
    const stored = storageForm(add.number, this.behaviour());
    const chat = this.chats.create(stored, add.name, "chat_add");
    if (add.userId) chat.userId = add.userId;
    this.onFirstMessage(chat, add.text);
    // chat_add's dialog_id runs only for a new chat; a fetched chat needs dialog_execute.
    if (add.dialogId) chat.dialogs.push(add.dialogId);
    return { status: "done", description: `Chat adicionado com sucesso!${correctedSuffix(add.number, stored)}` };
  }
}

function refusalOf(number: string, behaviour: Readonly<MockBehaviour>): string | undefined {
  const other = otherBrazilianForm(number);
  if (behaviour.refusedNumbers.includes(number) || (other !== undefined && behaviour.refusedNumbers.includes(other))) {
    return "Número não possui WhatsApp";
  }
  if (behaviour.refuseZeroSuffix && number.endsWith("0000")) return "Número não possui WhatsApp";
  return undefined;
}
