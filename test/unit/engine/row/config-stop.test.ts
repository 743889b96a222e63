import { describe, expect, it } from "vitest";
import { configStopOf, withoutHint } from "../../../../src/engine/row/config-stop.js";
import { draft } from "../fakes.js";

const FIELD_HINT = "Configurações → Campos Personalizados";

describe("configStopOf (configuration errors stop the run)", () => {
  it("an unknown custom field names the mapping's field, its API name and the one menu, once", () => {
    const stop = configStopOf(
      {
        code: "CHATGURU_FIELD_NOT_CONFIGURED",
        message: 'ChatGuru chat_update_custom_fields answered 400 "..."',
        action: "chat_update_custom_fields",
        description: "Nenhum campo personalizado encontrado com o nome Etapa_do_funil",
      },
      draft({ fields: { Nome: "x", "Etapa do funil": "novo" } }),
    );
    expect(stop?.error.code).toBe("CHATGURU_FIELD_NOT_CONFIGURED");
    expect(stop?.error.name).toBe("RunAbortedError");
    expect(stop?.error.message).toContain('the custom field "Etapa do funil" (sent as field__Etapa_do_funil)');
    expect(stop?.error.message.split(FIELD_HINT)).toHaveLength(2);
    expect(stop?.reason).not.toContain(FIELD_HINT);
  });

  it("reads ChatGuru's words from the row message when the error object is gone", () => {
    const stop = configStopOf(
      {
        code: "CHATGURU_FIELD_NOT_CONFIGURED",
        message: 'ChatGuru chat_update_custom_fields answered 400 "Nenhum campo personalizado encontrado com o nome X"',
      },
      draft({ fields: { X: "1" } }),
    );
    expect(stop?.error.message).toContain('the custom field "X"');
  });

  it("an unknown dialog id (dialog_execute or chat_add) stops the run naming the id and where ChatGuru lists dialogs", () => {
    const viaExecute = configStopOf(
      { code: "CHATGURU_REJECTED", message: 'x answered 400 "Diálogo não encontrado"', action: "dialog_execute" },
      draft({ dialogId: "dlg-9" }),
    );
    expect(viaExecute?.error.code).toBe("CHATGURU_DIALOG_UNKNOWN");
    expect(viaExecute?.error.message).toMatch(/dialog id "dlg-9".*Chatbot → Diálogos/);
    const viaAdd = configStopOf(
      {
        code: "CHAT_ADD_REFUSED",
        message: 'ChatGuru refused the chat: "dialog_id inválido"',
        action: "chat_add_status",
      },
      draft({ chatAdd: { text: " ", dialogId: "dlg-2" } }),
    );
    expect(viaAdd?.error.message).toContain('dialog id "dlg-2"');
  });

  it("an unknown user id on chat_add stops the run naming the id and the Usuários page", () => {
    const stop = configStopOf(
      { code: "CHATGURU_REJECTED", message: 'x answered 400 "Usuário não encontrado"', action: "chat_add" },
      draft({ chatAdd: { text: " ", userId: "u-1" } }),
    );
    expect(stop?.error.code).toBe("CHATGURU_USER_UNKNOWN");
    expect(stop?.error.message).toMatch(/user id "u-1".*Usuários/);
  });

  it("row problems stay row problems: chat not found, a refused number, a missing parameter, the dialog context quirk", () => {
    const d = draft({ dialogId: "dlg", chatAdd: { text: " ", userId: "u" } });
    const cases = [
      { code: "CHATGURU_CHAT_NOT_FOUND", message: '"Chat não encontrado."', action: "dialog_execute" },
      {
        code: "CHAT_ADD_REFUSED",
        message: 'ChatGuru refused the chat: "Número não possui WhatsApp"',
        action: "chat_add_status",
      },
      { code: "CHATGURU_REJECTED", message: '"dialog_id não informado"', action: "dialog_execute" },
      {
        code: "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED",
        message: '"Erro: contexto não foi validado"',
        action: "dialog_execute",
      },
    ];
    for (const facts of cases) expect(configStopOf(facts, d)).toBeUndefined();
    // A dialog word without a dialog in the mapping is not about the mapping.
    expect(
      configStopOf({ code: "CHATGURU_REJECTED", message: '"Diálogo inválido"', action: "dialog_execute" }, draft()),
    ).toBeUndefined();
  });

  it("withoutHint drops the advice a message carries, keeping what happened", () => {
    const message = `ChatGuru x answered 400 "Nenhum campo" — create the custom field in ChatGuru (${FIELD_HINT}) with exactly that name, or remove it from the mapping.`;
    expect(withoutHint(message, "CHATGURU_FIELD_NOT_CONFIGURED")).toBe('ChatGuru x answered 400 "Nenhum campo"');
    expect(withoutHint("plain", "CHATGURU_REJECTED")).toBe("plain");
  });
});
