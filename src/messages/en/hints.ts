import type { ErrorCode } from "../../core/error-codes.js";
import type { Entry } from "../catalog.js";

/** Where a ChatGuru user finds the credentials; said by the "missing" and the "rejected" messages alike. */
const CREDENTIALS_PAGE = 'ChatGuru shows them on the "Celulares" page';

/**
 * What to do about an error, by code — the ONE place each piece of advice is written (per language). A message gets
 * its hint where the error is built (withHint); wrapping that message and hinting again does not repeat it.
 */
export const hintsEn = {
  "hint.CONFIG_CONNECTION_MISSING": `set them in the environment or a .env file in the working directory; ${CREDENTIALS_PAGE}`,
  "hint.CHATGURU_AUTH": `check CHATGURU_API_KEY, CHATGURU_ACCOUNT_ID and CHATGURU_PHONE_ID (${CREDENTIALS_PAGE})`,
  "hint.CHATGURU_CHAT_NOT_FOUND":
    'no chat with this number: use "mode": "upsert" (or "create") to add it, or check the number',
  "hint.CHATGURU_FIELD_NOT_CONFIGURED":
    "create the custom field in ChatGuru (Configurações → Campos Personalizados) with exactly that name, or remove it from the mapping",
  "hint.CHATGURU_DIALOG_UNKNOWN":
    "copy the dialog's id from ChatGuru (Chatbot → Diálogos) into the mapping, or remove that dialog_id from it",
  "hint.CHATGURU_USER_UNKNOWN":
    "copy the user's id from ChatGuru (Usuários) into the mapping's chat_add.user_id, or remove user_id from it",
  "hint.CHATGURU_INITIAL_MESSAGE_INVALID":
    'official WhatsApp Business numbers refuse a first message: set "chat_add": {"text": " "} in the mapping',
  "hint.CHATGURU_SERVER_ERROR": "ChatGuru had a server error; retry later",
  "hint.CHATGURU_RATE_LIMITED": "lower --rate or --concurrency",
  "hint.CHATGURU_BAD_RESPONSE": "check that CHATGURU_API_URL is the API endpoint (…/api/v1)",
  "hint.CHATGURU_REDIRECT": "set CHATGURU_API_URL (or --api-url) to the new endpoint URL and run again",
} satisfies Partial<Record<`hint.${ErrorCode}`, Entry>>;
