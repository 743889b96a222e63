import { ChatGuruParamError } from "./errors.js";
import { toWireFileUrl } from "./file-url.js";
import { toContextVarName } from "./field-names.js";
import { namedParams, requireString, stringOr } from "./response-fields.js";
import { toSendDate } from "./send-date.js";
import type { CallOptions, ChatGuruClient } from "./types.js";
import { text } from "../messages/text.js";

/** Typed ChatGuru actions that reach the contact (messages, files) and the experimental chat updates. */

// --- messages ---------------------------------------------------------------------------------------------------

export interface SendMessageInput {
  chatNumber: string;
  text: string;
  /** When to send. A Date is converted to Brasília time; a string must already be `YYYY-MM-DD HH:MM` (Brasília). */
  sendDate?: Date | string;
}

export async function sendMessage(
  client: ChatGuruClient,
  input: SendMessageInput,
  options?: CallOptions,
): Promise<{ messageId: string; status: string }> {
  const params: Record<string, string> = { chat_number: input.chatNumber, text: input.text };
  if (input.sendDate !== undefined) params.send_date = toSendDate(input.sendDate);
  const response = await client.call("message_send", params, options);
  return {
    messageId: requireString(response, "message_id", "message_send"),
    status: stringOr(response.message_status, "scheduled"),
  };
}

export async function getMessageStatus(
  client: ChatGuruClient,
  messageId: string,
  options?: CallOptions,
): Promise<{ status: string }> {
  const response = await client.call("message_status", { message_id: messageId }, options);
  return { status: requireString(response, "message_status", "message_status") };
}

export interface SendFileInput {
  chatNumber: string;
  /**
   * Public URL whose path ends in the file extension (ChatGuru infers the type from it). Sent percent-encoded where
   * needed (`Boleto Março.pdf` → `Boleto%20Mar%C3%A7o.pdf`); already-encoded parts are kept.
   */
  fileUrl: string;
  caption?: string;
}

export async function sendFile(
  client: ChatGuruClient,
  input: SendFileInput,
  options?: CallOptions,
): Promise<{ messageId: string | undefined; status: string | undefined }> {
  assertFileUrl(input.fileUrl);
  const params: Record<string, string> = { chat_number: input.chatNumber, file_url: toWireFileUrl(input.fileUrl) };
  if (input.caption !== undefined) params.caption = input.caption;
  const response = await client.call("message_file_send", params, options);
  return {
    messageId: typeof response.message_id === "string" ? response.message_id : undefined,
    status: typeof response.message_status === "string" ? response.message_status : undefined,
  };
}

/** file_url must end in the file extension: `https://x/y/report.pdf?sig=…` is fine, `https://x/download?id=1` is not. */
export function assertFileUrl(fileUrl: string): void {
  let url: URL;
  try {
    url = new URL(fileUrl);
  } catch {
    throw new ChatGuruParamError({
      action: "message_file_send",
      param: "file_url",
      message: text("chatguru.param.fileUrlNotUrl", { url: fileUrl }),
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ChatGuruParamError({
      action: "message_file_send",
      param: "file_url",
      message: text("chatguru.param.fileUrlProtocol", { protocol: url.protocol }),
    });
  }
  const last = url.pathname.split("/").pop() ?? "";
  if (!/\.[A-Za-z0-9]{1,10}$/.test(last)) {
    throw new ChatGuruParamError({
      action: "message_file_send",
      param: "file_url",
      message: text("chatguru.param.fileUrlExtension", { url: `${url.origin}${url.pathname}` }),
    });
  }
}

// --- experimental ------------------------------------------------------------------------------------------------

/** Experimental: seen in the field, not in ChatGuru's document. */
export async function updateChatName(
  client: ChatGuruClient,
  chatNumber: string,
  name: string,
  options?: CallOptions,
): Promise<void> {
  await client.call("chat_update_name", { chat_number: chatNumber, chat_name: name }, options);
}

/** Experimental: sets context variables (`var__<Name>`). */
export async function updateChatContext(
  client: ChatGuruClient,
  chatNumber: string,
  vars: Record<string, string>,
  options?: CallOptions,
): Promise<void> {
  await client.call(
    "chat_update_context",
    namedParams("chat_update_context", chatNumber, vars, toContextVarName),
    options,
  );
}
