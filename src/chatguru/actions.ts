import { toFieldApiName } from "./field-names.js";
import { namedParams, requireString } from "./response-fields.js";
import type { CallOptions, ChatAddStatus, ChatGuruClient, ChatGuruResponse } from "./types.js";

/**
 * Typed ChatGuru actions: camelCase in and out; ChatGuru's snake_case parameter names live only here and in
 * the client. Each function is one call (no retries).
 */

const CHAT_ADD_STATUSES: readonly ChatAddStatus[] = ["pending", "done", "fetched", "error"];

// --- chat_add ---------------------------------------------------------------------------------------------------

export interface ChatAddInput {
  chatNumber: string;
  name: string;
  /**
   * First WhatsApp message. ChatGuru really sends it; a single space registers the chat without a visible message,
   * and official WhatsApp Business numbers reject real text with "Mensagem inicial inválida".
   * @default " "
   */
  text?: string;
  userId?: string;
  dialogId?: string;
}

export interface ChatAddResult {
  chatAddId: string;
  /** `pending` also when ChatGuru answered a status outside the four known ones (see `unexpectedStatus`). */
  status: ChatAddStatus;
  /** A `chat_add_status` value this client does not know, as ChatGuru sent it (treated as not final). */
  unexpectedStatus?: string;
}

export async function chatAdd(
  client: ChatGuruClient,
  input: ChatAddInput,
  options?: CallOptions,
): Promise<ChatAddResult> {
  const params: Record<string, string> = {
    chat_number: input.chatNumber,
    name: input.name,
    text: input.text === undefined || input.text === "" ? " " : input.text,
  };
  if (input.userId) params.user_id = input.userId;
  if (input.dialogId) params.dialog_id = input.dialogId;
  const response = await client.call("chat_add", params, options);
  // The id is what lets the add be followed: an odd status next to it must never cost the id (it would be re-added).
  return { chatAddId: requireString(response, "chat_add_id", "chat_add"), ...readStatus(response, "pending") };
}

export interface ChatAddStatusResult {
  /** `pending` also when ChatGuru answered a status outside the four known ones (see `unexpectedStatus`). */
  status: ChatAddStatus;
  /** A `chat_add_status` value this client does not know, as ChatGuru sent it (treated as not final). */
  unexpectedStatus?: string;
  description: string;
  /** The number ChatGuru stored the chat under when the description says `corrigido para <digits>`. */
  correctedNumber?: string;
}

export async function getChatAddStatus(
  client: ChatGuruClient,
  chatAddId: string,
  options?: CallOptions,
): Promise<ChatAddStatusResult> {
  const response = await client.call("chat_add_status", { chat_add_id: chatAddId }, options);
  const description =
    typeof response.chat_add_status_description === "string" ? response.chat_add_status_description : "";
  const correctedNumber = parseCorrectedNumber(description);
  return { ...readStatus(response), description, ...(correctedNumber ? { correctedNumber } : {}) };
}

/** `Chat adicionado com sucesso! Número corrigido para 554797565906` → `554797565906`. */
export function parseCorrectedNumber(description: string): string | undefined {
  const match = /corrigido para\s*:?\s*\+?([\d\s().-]{8,24}\d)/i.exec(description);
  if (!match) return undefined;
  const digits = match[1]!.replace(/\D/g, "");
  return digits.length >= 8 && digits.length <= 15 ? digits : undefined;
}

/**
 * The value set of chat_add_status is not documented (integrators saw pending, done, fetched and error). Anything else — `queued`,
 * `success`, a missing value — is NOT final: the add keeps its id and stays pending until a known value arrives or
 * the wait ends; failing (or re-adding) on it would lose an add ChatGuru accepted.
 */
function readStatus(
  response: ChatGuruResponse,
  whenMissing?: ChatAddStatus,
): { status: ChatAddStatus; unexpectedStatus?: string } {
  const value = response.chat_add_status;
  if (value === undefined && whenMissing) return { status: whenMissing };
  if (typeof value === "string" && (CHAT_ADD_STATUSES as readonly string[]).includes(value))
    return { status: value as ChatAddStatus };
  return { status: "pending", unexpectedStatus: describeValue(value) };
}

/** A short, printable rendering of an unexpected value (it is shown in warnings). */
function describeValue(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

// --- custom fields, notes, dialogs ------------------------------------------------------------------------------

/**
 * Sets custom fields by panel name or API name (`Etapa do funil` or `field__Etapa_do_funil`). Values may be "" to
 * clear a field.
 */
export async function updateCustomFields(
  client: ChatGuruClient,
  chatNumber: string,
  fields: Record<string, string>,
  options?: CallOptions,
): Promise<{ chatId: string | undefined }> {
  const params = namedParams("chat_update_custom_fields", chatNumber, fields, toFieldApiName);
  const response = await client.call("chat_update_custom_fields", params, options);
  return { chatId: typeof response.chat_id === "string" ? response.chat_id : undefined };
}

export async function addNote(
  client: ChatGuruClient,
  chatNumber: string,
  noteText: string,
  options?: CallOptions,
): Promise<{ noteId: string | undefined }> {
  const response = await client.call("note_add", { chat_number: chatNumber, note_text: noteText }, options);
  return { noteId: typeof response.note_id === "string" ? response.note_id : undefined };
}

/**
 * Runs a dialog. ChatGuru may answer `result: "error"` with "contexto não foi validado" (thrown as a
 * ChatGuruApiError classified CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED); the engine retries that once.
 */
export async function executeDialog(
  client: ChatGuruClient,
  chatNumber: string,
  dialogId: string,
  options?: CallOptions,
): Promise<{ result: string }> {
  const response = await client.call("dialog_execute", { chat_number: chatNumber, dialog_id: dialogId }, options);
  const result = response.dialog_execution_return;
  return { result: typeof result === "string" ? result : (response.description ?? "") };
}

// Messages, files and the experimental chat updates live in message-actions.ts.
export {
  assertFileUrl,
  getMessageStatus,
  sendFile,
  sendMessage,
  updateChatContext,
  updateChatName,
  type SendFileInput,
  type SendMessageInput,
} from "./message-actions.js";
