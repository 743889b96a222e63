import { newObjectId } from "./mock-reply.js";
import type { MockChatState, MockSentMessage } from "./mock-state.js";

/** A sent message as stored: its public view minus the status, plus when it goes (or went) out. */
export type StoredMessage = Omit<MockSentMessage, "status"> & { sendAt: number };

export interface MockChat extends Omit<MockChatState, "sentMessages"> {
  sentMessages: StoredMessage[];
  chatId: string;
  /** dialog_execute quirk: the first call per chat fails with "contexto não foi validado". */
  dialogContextValidated: boolean;
}

/** The chats of the fake account, keyed by the exact number they are stored under. */
export class MockChats {
  private readonly chats = new Map<string, MockChat>();

  clear(): void {
    this.chats.clear();
  }

  /** Exact stored form only: trying the other 9th-digit form is the caller's job. */
  get(number: string): MockChat | undefined {
    return this.chats.get(number);
  }

  create(number: string, name: string, via: MockChat["createdVia"]): MockChat {
    const chat: MockChat = {
      number,
      name,
      fields: {},
      notes: [],
      dialogs: [],
      messages: 0,
      sentMessages: [],
      createdVia: via,
      context: {},
      chatId: newObjectId(),
      dialogContextValidated: false,
    };
    this.chats.set(number, chat);
    return chat;
  }

  /** The public view, without the internal id and quirk flag; message statuses as of `now`. */
  list(now: number): MockChatState[] {
    return [...this.chats.values()].map(({ chatId: _id, dialogContextValidated: _v, sentMessages, ...chat }) => ({
      ...chat,
      sentMessages: sentMessages.map(({ sendAt, ...m }) => ({ ...m, status: now >= sendAt ? "sent" : "scheduled" })),
    }));
  }
}
