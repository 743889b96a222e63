import { toFieldApiName } from "../../chatguru/field-names.js";
import type { ErrorCode } from "../../core/error-codes.js";
import { RunAbortedError } from "../../errors.js";
import { hintFor, withHint } from "../../messages/hint.js";
import { text, type Text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { ConfigStop } from "../job/row-result.js";

/** A row failure as fail() sees it: the code, the message and, when known, the action and ChatGuru's own words. */
export interface FailureFacts {
  code: string;
  message: string;
  action?: string | undefined;
  description?: string | undefined;
}

/**
 * ChatGuru's words for an unknown dialog or user are not documented (seeds/chatguru-api-v1.txt lists no errors for
 * `dialog_id`/`user_id`), so these match what a 400 naming the parameter would plausibly say — "Diálogo não
 * encontrado", "user_id inválido", "Nenhum usuário encontrado" — and never a missing parameter ("não informado").
 */
const UNKNOWN = /n[aã]o (foi )?encontrad|inv[aá]lid|n[aã]o existe|inexistente|nenhum|not found|invalid|unknown/i;
const DIALOG = /di[aá]logo|dialog/i;
const USER = /usu[aá]rio|user|atendente/i;
const NOT_GIVEN = /n[aã]o informad/i;

/** The description ChatGuru answered, from the error or the quoted part of the row's message. */
function descriptionOf(facts: FailureFacts): string {
  if (facts.description) return facts.description;
  const quoted = /"(.*)"/s.exec(facts.message);
  return quoted?.[1] ?? "";
}

/** Which configured dialog the failing action carried. */
function dialogOf(facts: FailureFacts, draft: ContactDraft): string | undefined {
  // dialog_execute runs the mapping's dialog, or the chat_add dialog an upsert's blank add deferred (follow-ups/owed-dialog.ts).
  if (facts.action === "dialog_execute") return draft.dialogId ?? draft.chatAdd.dialogId;
  return draft.chatAdd.dialogId ?? draft.dialogId;
}

/** The field's name as the mapping writes it, found back from the API name ChatGuru echoed. */
function fieldOf(description: string, draft: ContactDraft): Text {
  const echoed = /com o nome\s+(.+?)\.?\s*$/i.exec(description)?.[1];
  const names = Object.keys(draft.fields);
  if (echoed) {
    const mapped = names.find((n) => toFieldApiName(n) === toFieldApiName(echoed));
    return mapped && mapped !== echoed
      ? text("run.unknownFieldSentAs", { name: mapped, apiName: toFieldApiName(mapped) })
      : text("run.unknownFieldQuoted", { name: echoed });
  }
  return text("run.unknownFieldEither", { names });
}

function stop(code: ErrorCode & ConstructorParameters<typeof RunAbortedError>[0], what: Text, facts: FailureFacts) {
  const message = withHint(
    text("run.configStop", { what, action: facts.action, description: descriptionOf(facts) }),
    code,
  );
  const reason = text("run.configStopReason", { what });
  return { error: new RunAbortedError(code, message), reason: english(reason), reasonText: reason };
}

/**
 * Configuration errors stop the run: an unknown custom field, dialog id or user id fails every row, so the first row
 * that meets one stops the run (exit 3) before more chats are created. Undefined for any other failure.
 */
export function configStopOf(facts: FailureFacts, draft: ContactDraft): ConfigStop | undefined {
  const description = descriptionOf(facts);
  if (facts.code === "CHATGURU_FIELD_NOT_CONFIGURED") {
    return stop(
      "CHATGURU_FIELD_NOT_CONFIGURED",
      text("run.unknownField", { field: fieldOf(description, draft) }),
      facts,
    );
  }
  if (facts.code === "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED") return undefined;
  if (!UNKNOWN.test(description) || NOT_GIVEN.test(description)) return undefined;
  const dialogId = dialogOf(facts, draft);
  if (dialogId !== undefined && DIALOG.test(description)) {
    return stop("CHATGURU_DIALOG_UNKNOWN", text("run.unknownDialog", { id: dialogId }), facts);
  }
  const userId = draft.chatAdd.userId;
  if (userId !== undefined && facts.action?.startsWith("chat_add") && USER.test(description)) {
    return stop("CHATGURU_USER_UNKNOWN", text("run.unknownUser", { id: userId }), facts);
  }
  return undefined;
}

/**
 * A row that failed on the setting that stopped the run: its own English text without the advice, which the run's
 * error says once (several rows in flight would otherwise print the same hint each). messages/hint.ts withoutHint
 * does the same for a Text.
 */
export function withoutHint(message: string, code: string): string {
  const hint = hintFor(code);
  if (hint === undefined) return message;
  const said = english(hint);
  return message.replace(` — ${said}.`, "").replace(said, "").trimEnd();
}
