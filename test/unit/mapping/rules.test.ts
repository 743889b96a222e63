import { describe, expect, it } from "vitest";
import { isConfigError, type ConfigError } from "../../../src/errors.js";
import { parseMapping } from "../../../src/mapping/load-mapping.js";
import { checkMapping } from "../../../src/mapping/rules.js";
import { exitCodeOf } from "../../helpers/exit-code.js";

const HEADERS = ["Telefone", "Nome", "E-mail", "Link", "Cidade", "UF", "Etapa", "Observações"];

function rulesFailure(text: string, headers = HEADERS): ConfigError {
  const mapping = parseMapping(text, "mapping.json");
  try {
    checkMapping(mapping, headers);
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error("expected checkMapping to reject the mapping");
}

describe("checkMapping", () => {
  it("accepts a mapping whose every column exists", () => {
    const mapping = parseMapping(
      '{"phone": "Telefone", "name": {"column": "Nome", "transform": ["title", "trim"]}, "custom_fields": {"Cidade_UF": {"template": "{{ Cidade }}/{{UF}}"}, "Data": {"column": "Etapa", "transform": ["date:DD/MM/YYYY->YYYY-MM-DD"]}}}',
      "m.json",
    );
    expect(() => checkMapping(mapping, HEADERS)).not.toThrow();
  });

  it("lists every problem at once, each with line:column, code MAPPING_RULES, exit 2", () => {
    const error = rulesFailure(
      [
        "{",
        '  "phone": {"column": "Telefon"},',
        '  "key": "CPF",',
        '  "custom_fields": {',
        '    "Cidade_UF": {"template": "{{Cidade}}/{{Estado}}"},',
        '    "Nome": {"column": "Nome", "transform": ["titel", "date:DD/MM->YYYY"]},',
        '    "CRM | Link negócio": "Link",',
        '    "field__CRM__Link_negocio": "Link"',
        "  },",
        '  "write_back": {"status": "Link", "error": "chatguru_status"}',
        "}",
      ].join("\n"),
    );
    expect(error.code).toBe("MAPPING_RULES");
    expect(exitCodeOf(error)).toBe(2);
    expect(error.message.split("\n")).toEqual([
      "Mapping mapping.json has 7 problems:",
      'mapping.json:2:23: phone names column "Telefon", which is not in the source header (did you mean "Telefone"?)',
      'mapping.json:3:10: key names column "CPF", which is not in the source header (the header has "Telefone", "Nome", "E-mail", "Link", "Cidade", "UF", "Etapa", "Observações")',
      'mapping.json:5:31: custom_fields.Cidade_UF template uses {{Estado}}, which is not a column of the source header (the header has "Telefone", "Nome", "E-mail", "Link", "Cidade", "UF", "Etapa", "Observações")',
      'mapping.json:6:46: custom_fields.Nome: unknown transform "titel" (did you mean "title"?)',
      'mapping.json:6:55: custom_fields.Nome: date transform "date:DD/MM->YYYY": the output token YYYY is not in the input pattern "DD/MM"',
      'mapping.json:8:5: custom field "field__CRM__Link_negocio" and "CRM | Link negócio" are the same ChatGuru field (field__CRM__Link_negocio)',
      'mapping.json:10:28: write_back.status "Link" is also an input column of the mapping; results would overwrite the data they came from',
    ]);
    const codes = (error.context.problems as Array<{ code: string }>).map((p) => p.code).sort();
    expect(codes).toEqual([
      "MAPPING_BAD_TRANSFORM",
      "MAPPING_DUPLICATE_FIELD",
      "MAPPING_UNKNOWN_COLUMN",
      "MAPPING_UNKNOWN_COLUMN",
      "MAPPING_UNKNOWN_COLUMN",
      "MAPPING_UNKNOWN_TRANSFORM",
      "MAPPING_WRITE_BACK_CONFLICT",
    ]);
  });

  it("two write_back slots on one column, and an unknown country", () => {
    const error = rulesFailure(
      '{"phone": {"column": "Telefone", "default_country": "XX"},\n "write_back": {"error": "chatguru_status"}}',
    );
    expect(error.message.split("\n").slice(1)).toEqual([
      'mapping.json:1:53: phone.default_country "XX" is not a known country code (e.g. "BR", "PT", "US")',
      'mapping.json:2:26: write_back.error and write_back.status both write column "chatguru_status"',
    ]);
  });

  it("a mapping built in code (no file positions) still gets every message", () => {
    const mapping = { ...parseMapping('{"phone": "Fone"}', "code"), locate: undefined };
    const error = (() => {
      try {
        checkMapping(mapping, HEADERS);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.message).toBe(
      'Mapping code has 1 problem:\ncode: phone names column "Fone", which is not in the source header (the header has "Telefone", "Nome", "E-mail", "Link", "Cidade", "UF", "Etapa", "Observações")',
    );
  });
});

describe("checkMapping: {{placeholders}} in a plain string", () => {
  it("says a bare string is a column name, how to write the template, and did-you-mean for each typo", () => {
    const error = rulesFailure('{"phone": "Telefone", "note": "Lead de {{Cidad}} / {{UF}} {{Xyz}}"}');
    expect(error.message.split("\n")[1]).toBe(
      'mapping.json:1:31: note is the text "Lead de {{Cidad}} / {{UF}} {{Xyz}}", which is read as a column name; ' +
        'to fill in cells write { "template": "Lead de {{Cidad}} / {{UF}} {{Xyz}}" } — ' +
        '{{Cidad}} is not a column (did you mean "Cidade"?), {{Xyz}} is not a column',
    );
    expect(exitCodeOf(error)).toBe(2);
  });
  it('"{{Nome}}" alone, and the phone column: write the name without braces', () => {
    const error = rulesFailure('{"phone": "{{Telefone}}", "name": "{{Nome}}", "custom_fields": {"E": "{{Cidad}}"}}');
    expect(error.message.split("\n").slice(1)).toEqual([
      'mapping.json:1:11: phone is the text "{{Telefone}}", which is read as a column name; write the column name without braces: "Telefone"',
      'mapping.json:1:35: name is the text "{{Nome}}", which is read as a column name; write the column name without braces: "Nome"',
      'mapping.json:1:70: custom_fields.E is the text "{{Cidad}}", which is read as a column name; write the column name without braces — {{Cidad}} is not a column (did you mean "Cidade"?)',
    ]);
  });
});
