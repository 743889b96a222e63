import { isContextVarName, isFieldApiName, stripFieldPrefix } from "../field-names.js";
import type { MockChat } from "./mock-chats.js";
import { fail, newObjectId, ok, UNKNOWN_DIALOG, type MockReply } from "./mock-reply.js";

/** The update actions on an existing chat (messages live in mock-messages.ts). Each says which ChatGuru quirk it reproduces. */

export function updateCustomFields(
  chat: MockChat,
  params: Record<string, string>,
  configuredFields: readonly string[],
): MockReply {
  const updates = Object.entries(params).filter(([name]) => isFieldApiName(name));
  if (updates.length === 0) return fail(400, "Nenhum campo informado");
  const configured = new Set(configuredFields);
  // All or nothing: one unknown field rejects the whole call.
  const unknown = updates.find(([name]) => !configured.has(name));
  if (unknown) return fail(400, `Nenhum campo personalizado encontrado com o nome ${stripFieldPrefix(unknown[0])}`);
  for (const [name, value] of updates) chat.fields[name] = value;
  return ok(200, { chat_id: chat.chatId, description: "Campos personalizados foram salvos." });
}

export function noteAdd(chat: MockChat, params: Record<string, string>): MockReply {
  if (!params.note_text) return fail(400, "note_text não informado");
  chat.notes.push(params.note_text);
  return ok(200, { note_id: newObjectId(), description: "Anotação criada com sucesso" });
}

export function dialogExecute(
  chat: MockChat,
  params: Record<string, string>,
  behaviour: { dialogContextQuirk: boolean; dialogs: readonly string[] },
): MockReply {
  if (!params.dialog_id) return fail(400, "dialog_id não informado");
  if (!behaviour.dialogs.includes(params.dialog_id)) return fail(400, UNKNOWN_DIALOG);
  const contextQuirk = behaviour.dialogContextQuirk;
  if (contextQuirk && !chat.dialogContextValidated) {
    chat.dialogContextValidated = true;
    // HTTP 200 but result "error": observed in the field; one immediate retry succeeds.
    return {
      status: 200,
      body: {
        code: 200,
        result: "error",
        dialog_execution_return:
          "Diálogo não foi executado pois o contexto não foi validado (certificação de contexto ativa).",
      },
    };
  }
  chat.dialogs.push(params.dialog_id);
  return ok(200, { dialog_execution_return: "Diálogo executado" });
}

export function updateName(chat: MockChat, params: Record<string, string>): MockReply {
  if (!params.chat_name) return fail(400, "chat_name não informado");
  chat.name = params.chat_name;
  return ok(200, { description: "Nome do chat atualizado com sucesso." });
}

export function updateContext(chat: MockChat, params: Record<string, string>): MockReply {
  const vars = Object.entries(params).filter(([name]) => isContextVarName(name));
  if (vars.length === 0) return fail(400, "Nenhuma variável informada");
  for (const [name, value] of vars) chat.context[name] = value;
  return ok(200, { description: "Contexto do chat atualizado com sucesso." });
}
