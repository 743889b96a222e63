import type { ChatGuruAction } from "./types.js";

/**
 * What each ChatGuru action needs — the table the `call` command lists and checks against. The typed
 * functions of actions.ts are what a library user calls.
 */

export interface ActionInfo {
  name: ChatGuruAction;
  describe: string;
  /** Parameters ChatGuru requires besides key, account_id, phone_id and action. */
  required: readonly string[];
  optional: readonly string[];
  /** Prefix of repeatable dynamic parameters (`field__Email=…`, `var__Plano=…`). */
  dynamicPrefix?: "field__" | "var__";
  /** Seen in the field, not in ChatGuru's document. */
  experimental?: boolean;
}

export const ACTIONS: Readonly<Record<ChatGuruAction, ActionInfo>> = {
  chat_add: {
    name: "chat_add",
    describe: "register a chat (asynchronous: poll chat_add_status); text is sent as a real WhatsApp message",
    required: ["chat_number", "name", "text"],
    optional: ["user_id", "dialog_id"],
  },
  chat_add_status: {
    name: "chat_add_status",
    describe: "status of a chat_add: pending, done, fetched or error",
    required: ["chat_add_id"],
    optional: [],
  },
  chat_update_custom_fields: {
    name: "chat_update_custom_fields",
    describe: "set custom fields (field__<API name>=value, many per call)",
    required: ["chat_number"],
    optional: [],
    dynamicPrefix: "field__",
  },
  note_add: {
    name: "note_add",
    describe: "add a note to a chat",
    required: ["chat_number", "note_text"],
    optional: [],
  },
  dialog_execute: {
    name: "dialog_execute",
    describe: "run a chatbot dialog on a chat",
    required: ["chat_number", "dialog_id"],
    optional: [],
  },
  message_send: {
    name: "message_send",
    describe: "send (or schedule, send_date YYYY-MM-DD HH:MM Brasília time) a text message",
    required: ["chat_number", "text"],
    optional: ["send_date"],
  },
  message_status: {
    name: "message_status",
    describe: "status of a message_send",
    required: ["message_id"],
    optional: [],
  },
  message_file_send: {
    name: "message_file_send",
    describe: "send a file by URL (the URL must end in the file extension)",
    required: ["chat_number", "file_url"],
    optional: ["caption"],
  },
  chat_update_name: {
    name: "chat_update_name",
    describe: "rename a chat (experimental)",
    required: ["chat_number", "chat_name"],
    optional: [],
    experimental: true,
  },
  chat_update_context: {
    name: "chat_update_context",
    describe: "set chat context variables (var__<Name>=value; experimental)",
    required: ["chat_number"],
    optional: [],
    dynamicPrefix: "var__",
    experimental: true,
  },
};

export const ACTION_NAMES = Object.keys(ACTIONS) as ChatGuruAction[];

export function isChatGuruAction(name: string): name is ChatGuruAction {
  return Object.prototype.hasOwnProperty.call(ACTIONS, name);
}

/**
 * A name that can be an action: letters, digits and `_` (ChatGuru's actions are snake_case). Anything else — spaces,
 * `&`, `=`, `/` — would be a typo or an attempt to smuggle parameters into the form body.
 */
const ACTION_NAME = /^[a-z][a-z0-9_]{0,63}$/i;

export function isWellFormedActionName(name: string): boolean {
  return ACTION_NAME.test(name);
}
