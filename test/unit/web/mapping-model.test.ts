import { describe, expect, it } from "vitest";
import { problemsOf, readMapping, setRole, writeMapping } from "../../../web/mapping-model.js";

const header = ["Nome", "Celular", "E-mail", "Etapa do funil", "Observações"];

describe("the column page's mapping model", () => {
  it("reads one role per column from a mapping file", () => {
    const view = readMapping(
      {
        phone: { column: "Celular", default_country: "BR" },
        name: "Nome",
        custom_fields: { Email: "E-mail", Origem: { value: "planilha" } },
        note: { template: "Obs: {{Observações}}" },
      },
      header,
    );
    expect(view.choices.map((c) => [c.column, c.role, c.field])).toEqual([
      ["Nome", "name", ""],
      ["Celular", "phone", ""],
      ["E-mail", "field", "Email"],
      ["Etapa do funil", "ignore", ""],
      ["Observações", "note", ""],
    ]);
    expect(view.otherFields).toEqual(["Origem"]);
    expect(view.mode).toBe("upsert");
  });

  it("moves WhatsApp to the newly chosen column and says which one lost it", () => {
    const view = readMapping({ phone: "Celular" }, header);
    const { view: next, moved } = setRole(view, "E-mail", "phone");
    expect(moved).toBe("Celular");
    expect(next.choices.find((c) => c.column === "Celular")?.role).toBe("ignore");
    expect(writeMapping({ phone: "Celular" }, next).phone).toEqual({ default_country: "BR", column: "E-mail" });
  });

  it("adds a column to the note or message text when chosen, and takes it out when changed", () => {
    let view = readMapping({ phone: "Celular" }, header);
    view = setRole(view, "Observações", "note").view;
    expect(view.note).toBe("Observações: {{Observações}}");
    view = setRole(view, "Etapa do funil", "message").view;
    expect(view.message).toBe("Etapa do funil: {{Etapa do funil}}");
    view = setRole(view, "Observações", "ignore").view;
    expect(view.note).toBe("");
    const mapping = writeMapping({ phone: "Celular" }, view);
    expect(mapping.note).toBeUndefined();
    expect(mapping.message).toEqual({ text: { template: "Etapa do funil: {{Etapa do funil}}" } });
  });

  it("writes custom fields by their ChatGuru name and keeps what the page does not edit", () => {
    const base = {
      phone: { column: "Celular", default_country: "PT" },
      key: "Celular",
      custom_fields: { Email: { column: "E-mail", transform: ["lower"] }, Origem: { value: "planilha" } },
      write_back: { status: "situacao" },
      chat_add: { text: " " },
    };
    let view = readMapping(base, header);
    view = setRole(view, "Etapa do funil", "field").view;
    expect(view.choices.find((c) => c.column === "Etapa do funil")?.field).toBe("Etapa do funil");
    view = { ...view, mode: "update" };
    const mapping = writeMapping(base, view);
    expect(mapping).toEqual({
      phone: { column: "Celular", default_country: "PT" },
      key: "Celular",
      mode: "update",
      custom_fields: {
        Email: { column: "E-mail", transform: ["lower"] },
        Origem: { value: "planilha" },
        "Etapa do funil": "Etapa do funil",
      },
      write_back: { status: "situacao" },
      chat_add: { text: " " },
    });
  });

  it("blocks Continuar without a WhatsApp column, a field name, or with one field twice", () => {
    let view = readMapping({}, header);
    expect(problemsOf(view)).toEqual([{ kind: "phone" }]);
    view = setRole(view, "Celular", "phone").view;
    view = setRole(view, "E-mail", "field").view;
    view = setRole(view, "Observações", "field").view;
    view = {
      ...view,
      choices: view.choices.map((c) =>
        c.column === "E-mail" ? { ...c, field: " " } : c.column === "Observações" ? { ...c, field: "etapa" } : c,
      ),
    };
    view = setRole(view, "Etapa do funil", "field").view;
    view = {
      ...view,
      choices: view.choices.map((c) => (c.column === "Etapa do funil" ? { ...c, field: "Etapa" } : c)),
    };
    expect(problemsOf(view)).toEqual([
      { column: "E-mail", kind: "field" },
      { column: "Observações", kind: "duplicateField" },
    ]);
  });
});
