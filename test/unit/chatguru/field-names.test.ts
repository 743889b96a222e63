import { describe, expect, it } from "vitest";
import {
  stripFieldPrefix,
  toApiNameBody,
  toContextVarName,
  toFieldApiName,
} from "../../../src/chatguru/field-names.js";

describe("toFieldApiName (| → __, space → _, accents removed)", () => {
  it.each([
    ["CRM | Link negócio", "field__CRM__Link_negocio"],
    ["CRM|Link", "field__CRM__Link"],
    ["CRM  |  Link", "field__CRM__Link"],
    ["CRM | Link", "field__CRM__Link"],
    ["Etapa_funil", "field__Etapa_funil"],
    ["Etapa do funil", "field__Etapa_do_funil"],
    ["Email", "field__Email"],
    ["  Email  ", "field__Email"],
    ["Cidade_UF", "field__Cidade_UF"],
    ["Observações", "field__Observacoes"],
    ["Ação / Região", "field__Acao_/_Regiao"],
    ["Informação  extra", "field__Informacao_extra"],
    ["ÁÉÍÓÚ âêô ãõ ç ü", "field__AEIOU_aeo_ao_c_u"],
    ["A | B | C", "field__A__B__C"],
  ])("%s → %s", (name, apiName) => {
    expect(toFieldApiName(name)).toBe(apiName);
  });

  it("passes a name already in API form unchanged", () => {
    expect(toFieldApiName("field__CRM__Link_negocio")).toBe("field__CRM__Link_negocio");
    expect(toFieldApiName("field__Etapa")).toBe("field__Etapa");
  });

  it("is idempotent", () => {
    for (const name of ["CRM | Link negócio", "Etapa do funil", "Email"]) {
      expect(toFieldApiName(toFieldApiName(name))).toBe(toFieldApiName(name));
    }
  });

  it("keeps case (ChatGuru field names are case-sensitive)", () => {
    expect(toFieldApiName("email")).toBe("field__email");
    expect(toApiNameBody("CRM | Link negócio")).toBe("CRM__Link_negocio");
  });
});

describe("toContextVarName", () => {
  it.each([
    ["Plano atual", "var__Plano_atual"],
    ["Situação | Cliente", "var__Situacao__Cliente"],
    ["var__Plano", "var__Plano"],
  ])("%s → %s", (name, apiName) => {
    expect(toContextVarName(name)).toBe(apiName);
  });
});

describe("stripFieldPrefix", () => {
  it("gives the name ChatGuru uses in its error messages", () => {
    expect(stripFieldPrefix("field__CRM__Link_negocio")).toBe("CRM__Link_negocio");
    expect(stripFieldPrefix("Email")).toBe("Email");
  });
});
