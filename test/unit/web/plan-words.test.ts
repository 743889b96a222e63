import { describe, expect, it } from "vitest";
import { actionName, costText, planRowTitle } from "../../../web/plan-words.js";

describe("the Revisão page's sentences", () => {
  it("says the cost in requests and the time, rounded as the CLI's plan rounds it", () => {
    expect(costText({ requests: 44, seconds: 9, rate: 5 })).toBe("Cerca de 44 requisições ao ChatGuru · cerca de 9 s");
    expect(costText({ requests: 600, seconds: 120, rate: 5 })).toBe(
      "Cerca de 600 requisições ao ChatGuru · cerca de 2 min",
    );
    expect(costText({ requests: 1, seconds: 1, rate: 5 })).toBe("Cerca de 1 requisição ao ChatGuru · cerca de 1 s");
    expect(costText({ requests: 760, seconds: 5400, rate: 5 })).toBe(
      "Cerca de 760 requisições ao ChatGuru · cerca de 1 h 30 min",
    );
  });

  it("says the time depends on ChatGuru when the rate is uncapped, and that nothing costs nothing", () => {
    expect(costText({ requests: 12, rate: 0 })).toBe(
      "Cerca de 12 requisições ao ChatGuru · o tempo depende de quão rápido o ChatGuru responde",
    );
    expect(costText({ requests: 0 })).toBe("Nenhuma requisição ao ChatGuru: não há nada para enviar.");
  });

  it("names a first row and an action in words, keeping ChatGuru's exact name and an unknown one as it came", () => {
    expect(planRowTitle({ row: 2, name: "Ana", number: "5511987654321", status: "would-upsert" } as never)).toBe(
      "Linha 2 · Ana · 5511987654321 · criar ou atualizar",
    );
    expect(actionName("chat_add")).toBe("criar o chat (chat_add)");
    expect(actionName("chat_new_action")).toBe("chat_new_action");
  });
});
