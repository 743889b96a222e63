import { describe, expect, it } from "vitest";
import { text } from "../../../src/messages/index.js";
import { problemLine, problemText } from "../../../web/problem-text.js";

describe("row problems in the words the CLI prints for them", () => {
  it("says a plan problem's catalog Text in pt-BR, as `chatguru-sync validate` does under LANG=pt_BR", () => {
    const said = text("row.phoneInvalid", { raw: "12345", reason: text("row.phone.tooShort") });
    expect(problemText({ message: '"12345" is not a valid phone number (too short)', text: said })).toBe(
      '"12345" não é um número de telefone válido (curto demais)',
    );
  });

  it("leaves the code off a run problem's sentence (the row event's Text starts with it)", () => {
    const said = text("problem", {
      code: "ROW_DUPLICATE_KEY",
      column: "Celular",
      message: text("row.duplicate", { first: 2, key: "5511987654321", phoneKey: true }),
    });
    expect(problemText({ message: "ROW_DUPLICATE_KEY: …", text: said })).toBe(
      'Coluna "Celular": repete a linha 2: o telefone 5511987654321 aparece de novo (vale a primeira linha)',
    );
  });

  it("says a run's problem with its row, as the CLI's terminal line: row in, code out", () => {
    const said = text("problemList", {
      problems: [
        text("problem", {
          code: "ROW_PHONE_INVALID",
          column: "Celular",
          message: text("row.phoneInvalid", { raw: "12345", reason: text("row.phone.tooShort") }),
        }),
      ],
    });
    expect(problemLine({ row: 7, message: "ROW_PHONE_INVALID: …", text: said })).toBe(
      'Linha 7, coluna "Celular": "12345" não é um número de telefone válido (curto demais)',
    );
    expect(problemLine({ row: 12, message: "CHAT_ADD_REFUSED: Número não possui WhatsApp" })).toBe(
      "Linha 12: Número não possui WhatsApp",
    );
  });

  it("shows a problem without a Text (a run recorded before) as it came, without the code in front", () => {
    expect(problemText({ message: "SOMETHING_NEW: Algo novo aconteceu" })).toBe("Algo novo aconteceu");
    expect(problemText({ message: "Algo novo aconteceu" })).toBe("Algo novo aconteceu");
  });
});
