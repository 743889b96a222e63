import { describe, expect, it } from "vitest";
import { problemText } from "../../../web/problem-text.js";

describe("row problems in a sales-ops person's words", () => {
  it("words known codes in Portuguese and keeps ChatGuru's own quoted words", () => {
    expect(problemText("ROW_PHONE_INVALID", 'column "Celular": "12345" is not a valid phone number (too short)')).toBe(
      "Número de WhatsApp inválido",
    );
    expect(
      problemText(
        "ROW_DUPLICATE_KEY",
        'column "Celular": duplicate of row 2: the phone number 5511987654321 appears again (the first row wins)',
      ),
    ).toBe("Número repetido: a linha 2 já tem este contato");
    expect(problemText("CHAT_ADD_REFUSED", 'ChatGuru refused the chat: "Número não possui WhatsApp"')).toBe(
      "O ChatGuru recusou o número: “Número não possui WhatsApp”",
    );
  });

  it("shows an unknown code's message as it came, without the code in front", () => {
    expect(problemText(undefined, "SOMETHING_NEW: Algo novo aconteceu")).toBe("Algo novo aconteceu");
    expect(problemText("SOMETHING_NEW", "Algo novo aconteceu")).toBe("Algo novo aconteceu");
  });
});
