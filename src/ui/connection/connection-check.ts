import { createChatGuruClient } from "../../chatguru/client.js";
import {
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruNetworkError,
  ChatGuruRateLimitError,
  ChatGuruTimeoutError,
  isChatGuruError,
} from "../../chatguru/errors.js";
import type { ChatGuruConnection } from "../../chatguru/types.js";
import { ui } from "../ui-language.js";

export type CheckProblem = "missing" | "url" | "key" | "account" | "phone" | "network";

export interface CheckResult {
  ok: boolean;
  problem?: CheckProblem;
  message: string;
  detail?: string;
}

/** An id no chat_add ever had: ChatGuru answers "not found" only once it has accepted the credentials. */
const PROBE_ID = "000000000000000000000000";
const CHECK_TIMEOUT_MS = 10_000;

/**
 * One harmless call that tells a wrong key from a wrong URL: credentials are checked before the id, so ChatGuru's
 * "chat_add_id não encontrado" means they were accepted; a refusal names which one; no ChatGuru JSON at all (an HTML
 * page, a 404, a redirect, a refused connection) means the address is not the API.
 */
export async function checkConnection(connection: ChatGuruConnection): Promise<CheckResult> {
  const client = createChatGuruClient({ ...connection, timeoutMs: connection.timeoutMs ?? CHECK_TIMEOUT_MS });
  try {
    await client.call("chat_add_status", { chat_add_id: PROBE_ID });
    return { ok: true, message: ui.t("ui.server.connection.ok") };
  } catch (error) {
    return judge(error);
  } finally {
    client.close();
  }
}

function judge(error: unknown): CheckResult {
  if (!isChatGuruError(error)) throw error;
  const detail = error.message;
  if (error instanceof ChatGuruAuthError) {
    // ChatGuru's own words name the setting it refused; the message's hint names all three.
    const said = error.description ?? "";
    const problem = /phone_id/i.test(said) ? "phone" : /account_id inv/i.test(said) ? "account" : "key";
    return { ok: false, problem, message: ui.t(`ui.server.connection.${problem}`), detail };
  }
  if (error instanceof ChatGuruTimeoutError || error instanceof ChatGuruRateLimitError)
    return { ok: false, problem: "network", message: ui.t("ui.server.connection.network"), detail };
  if (error instanceof ChatGuruNetworkError || error instanceof ChatGuruBadResponseError)
    return { ok: false, problem: "url", message: ui.t("ui.server.connection.url"), detail };
  // A ChatGuru answer that is not about credentials (the probe's id is unknown): the door opened.
  if (error instanceof ChatGuruApiError && error.code !== "CHATGURU_REDIRECT" && error.httpStatus !== 404)
    return { ok: true, message: ui.t("ui.server.connection.ok") };
  return { ok: false, problem: "url", message: ui.t("ui.server.connection.url"), detail };
}
