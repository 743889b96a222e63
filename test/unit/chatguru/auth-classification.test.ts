import { describe, expect, it } from "vitest";
import { parseResponse } from "../../../src/chatguru/client.js";
import { ChatGuruApiError, ChatGuruAuthError } from "../../../src/chatguru/errors.js";

/**
 * Only ChatGuru's own credential messages (as WHOLE messages) and 401/403 mean "bad credentials".
 * A field whose name contains "chave" or "key" is a field problem of one row, never a reason to abort the run.
 */
const parse = (status: number, description: string): unknown => {
  try {
    return parseResponse(
      { status, data: JSON.stringify({ code: status, result: "error", description }), headers: {} },
      "chat_update_custom_fields",
      ["k-not-real"],
    );
  } catch (error) {
    return error;
  }
};

describe("credential errors are recognised by ChatGuru's known messages only", () => {
  it.each([
    "key ou account_id não informado(s)",
    "key ou account_id nao informado(s)",
    "account_id inválida",
    "account_id inválido",
    "phone_id inválido",
    "key inválida",
    "Chave inválida",
    "chave invalida.",
    "  Key inválida!  ",
    "phone_id não informado",
    // Servers that quote what they received: recognised by the start, the echo (redacted) does not hide it.
    "key inválida: ***",
    "Key inválida - ***",
    'account_id inválida (recebido "acc-1")',
    "key ou account_id não informado(s): key=***",
    "chave inválida ***",
  ])("%j is a credential error", (description) => {
    expect(parse(400, description)).toBeInstanceOf(ChatGuruAuthError);
  });

  it.each([
    "Nenhum campo personalizado encontrado com o nome Chave_PIX_invalida",
    "Nenhum campo personalizado encontrado com o nome Chave PIX inválida",
    "Campo Chave PIX inválido",
    "Chave PIX inválida",
    "Valor inválido para o campo api_key",
    "Campo key_account não informado",
    "field__Chave_de_acesso não informado",
    "Nenhum campo personalizado encontrado com o nome Monkey_ID: valor inválido",
    "A chave informada no campo Chave PIX é inválida",
    "Chave inválida para o campo PIX",
    "key inválidas no campo",
  ])("%j stays a field error (the row fails, the run goes on)", (description) => {
    const error = parse(400, description);
    expect(error).toBeInstanceOf(ChatGuruApiError);
    expect(error).not.toBeInstanceOf(ChatGuruAuthError);
  });

  it("a description quoting the whole key is redacted first, then still read as a credential error", () => {
    const key = "Zq7TfK2mWc9XbR4vLp8NdH3sJy6GaE1u";
    const error = (() => {
      try {
        return parseResponse(
          { status: 400, data: JSON.stringify({ result: "error", description: `key inválida: ${key}` }), headers: {} },
          "note_add",
          [key],
        );
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ChatGuruAuthError);
    expect((error as ChatGuruAuthError).description).toBe("key inválida: ***");
  });

  it("401 and 403 are credential errors whatever the description", () => {
    expect(parse(401, "Chave PIX inválida")).toBeInstanceOf(ChatGuruAuthError);
    expect(parse(403, "anything")).toBeInstanceOf(ChatGuruAuthError);
  });
});
