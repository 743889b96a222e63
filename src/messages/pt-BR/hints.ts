import type { Translation } from "../catalog.js";
import type { hintsEn } from "../en/hints.js";

/** Onde quem usa o ChatGuru encontra as credenciais. */
const CREDENTIALS_PAGE = 'o ChatGuru mostra os dados na página "Celulares"';

export const hintsPt: Translation<typeof hintsEn> = {
  "hint.CONFIG_CONNECTION_MISSING": `defina no ambiente ou num arquivo .env na pasta onde você roda o comando; ${CREDENTIALS_PAGE}`,
  "hint.CHATGURU_AUTH": `confira CHATGURU_API_KEY, CHATGURU_ACCOUNT_ID e CHATGURU_PHONE_ID (${CREDENTIALS_PAGE})`,
  "hint.CHATGURU_CHAT_NOT_FOUND":
    'não há chat com este número: use "mode": "upsert" (ou "create") para adicioná-lo, ou confira o número',
  "hint.CHATGURU_FIELD_NOT_CONFIGURED":
    "crie o campo personalizado no ChatGuru (Configurações → Campos Personalizados) com exatamente esse nome, ou tire-o do mapeamento",
  "hint.CHATGURU_DIALOG_UNKNOWN":
    "copie o id do diálogo no ChatGuru (Chatbot → Diálogos) para o mapeamento, ou tire esse dialog_id dele",
  "hint.CHATGURU_USER_UNKNOWN":
    "copie o id do usuário no ChatGuru (Usuários) para chat_add.user_id no mapeamento, ou tire o user_id dele",
  "hint.CHATGURU_INITIAL_MESSAGE_INVALID":
    'números oficiais do WhatsApp Business recusam uma primeira mensagem: coloque "chat_add": {"text": " "} no mapeamento',
  "hint.CHATGURU_SERVER_ERROR": "o servidor do ChatGuru deu erro; tente de novo mais tarde",
  "hint.CHATGURU_RATE_LIMITED": "diminua --rate ou --concurrency",
  "hint.CHATGURU_BAD_RESPONSE": "confira se CHATGURU_API_URL é o endereço da API (…/api/v1)",
  "hint.CHATGURU_REDIRECT": "coloque em CHATGURU_API_URL (ou --api-url) o novo endereço da API e rode de novo",
};
