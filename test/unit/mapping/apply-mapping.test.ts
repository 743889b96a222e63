import { describe, expect, it } from "vitest";
import { createRowMapper, parseTemplate } from "../../../src/mapping/apply-mapping.js";
import { parseMapping } from "../../../src/mapping/load-mapping.js";
import { createRowClassifier } from "../../../src/mapping/row-classifier.js";
import type { SourceRow } from "../../../src/core/source-row.js";

const HEADERS = ["Telefone", "Nome", "E-mail", "Link", "Cidade", "UF", "Etapa", "Data", "Observações", "CPF"];
const row = (rowNumber: number, values: Record<string, string>, problems?: SourceRow["problems"]): SourceRow => ({
  rowNumber,
  values: Object.fromEntries(HEADERS.map((h) => [h, values[h] ?? ""])),
  ...(problems ? { problems } : {}),
});
const mapper = (json: string) => createRowMapper(parseMapping(json, "m.json"), HEADERS);

describe("parseTemplate", () => {
  it("splits literals and trimmed placeholder names; flags an unclosed {{", () => {
    expect(parseTemplate("{{Cidade}}/{{ UF }}")).toEqual({
      literals: ["", "/", ""],
      columns: ["Cidade", "UF"],
      unclosed: false,
    });
    expect(parseTemplate("x {{Cidade").unclosed).toBe(true);
  });
});

describe("createRowMapper", () => {
  const example = mapper(`{
    "phone": "Telefone", "name": {"column": "Nome", "transform": ["title"]},
    "custom_fields": {
      "Email": "E-mail",
      "CRM | Link negócio": {"column": "Link", "transform": ["trim"]},
      "Origem": {"value": "planilha-2026"},
      "Cidade_UF": {"template": "{{Cidade}}/{{UF}}"},
      "Etapa": {"column": "Etapa", "default": "novo"},
      "Nascimento": {"column": "Data", "transform": ["date:DD/MM/YYYY->YYYY-MM-DD"]}
    },
    "note": {"template": "Importado: {{Observações}}"}
  }`);

  it("builds the draft: every value kind, transforms, default, template, note, chat_add text default", () => {
    const result = example(
      row(7, {
        Telefone: "(11) 98765-4321",
        Nome: "JOÃO DA SILVA",
        "E-mail": "joao@x.com",
        Link: "  https://crm/1 ",
        Cidade: "São Paulo",
        UF: "SP",
        Data: "5/3/1990",
        Observações: "VIP",
      }),
    );
    expect(result).toEqual({
      ok: true,
      draft: {
        rowNumber: 7,
        key: "5511987654321",
        phone: { canonical: "5511987654321", alternate: "551187654321" },
        name: "João da Silva",
        chatAdd: { text: " " },
        fields: {
          Email: "joao@x.com",
          "CRM | Link negócio": "https://crm/1",
          Origem: "planilha-2026",
          Cidade_UF: "São Paulo/SP",
          Etapa: "novo",
          Nascimento: "1990-03-05",
        },
        note: "Importado: VIP",
      },
    });
  });

  it('empty: "skip" drops blank fields and a template whose placeholders are all blank; the note is omitted', () => {
    const result = example(row(3, { Telefone: "11987654321" }));
    expect(result).toMatchObject({
      ok: true,
      draft: { name: "5511987654321", fields: { Origem: "planilha-2026", Etapa: "novo" } },
    });
    expect(result.ok && "note" in result.draft).toBe(false);
  });

  it('empty: "clear" sends blank fields as ""', () => {
    const clear = mapper(
      '{"phone": "Telefone", "empty": "clear", "custom_fields": {"Email": "E-mail", "Cidade_UF": {"template": "{{Cidade}}/{{UF}}"}}}',
    );
    expect(clear(row(2, { Telefone: "11987654321", "E-mail": "  " }))).toMatchObject({
      ok: true,
      draft: { fields: { Email: "", Cidade_UF: "" } },
    });
  });

  it("chat_add values and dialog_execute are carried when non-blank", () => {
    const map = mapper(
      '{"phone": "Telefone", "chat_add": {"text": {"value": "Olá!"}, "user_id": {"value": "u1"}, "dialog_id": "CPF"}, "dialog_execute": {"dialog_id": {"value": "d9"}}}',
    );
    expect(map(row(2, { Telefone: "11987654321" }))).toMatchObject({
      ok: true,
      draft: { chatAdd: { text: "Olá!", userId: "u1" }, dialogId: "d9" },
    });
  });

  it("problems: empty phone, invalid phone, a date not matching, source problems — all reported together", () => {
    expect(example(row(4, { Telefone: " " }))).toEqual({
      ok: false,
      problems: [{ row: 4, column: "Telefone", code: "ROW_VALUE_MISSING", message: "the phone number is empty" }],
    });
    const tooMany = { row: 5, code: "ROW_TOO_MANY_COLUMNS" as const, message: "extra" };
    expect(example(row(5, { Telefone: "12345", Data: "1990-03-05" }, [tooMany]))).toEqual({
      ok: false,
      problems: [
        tooMany,
        {
          row: 5,
          column: "Telefone",
          code: "ROW_PHONE_INVALID",
          message: '"12345" is not a valid phone number (too short)',
        },
        {
          row: 5,
          column: "Data",
          code: "ROW_VALUE_INVALID",
          message: '"1990-03-05" does not match the date pattern DD/MM/YYYY (custom field "Nascimento")',
        },
      ],
    });
  });

  it("a phone Excel saved as 5,51199E+12 is a row problem on the phone column that says what happened", () => {
    expect(example(row(7, { Telefone: "5,51199E+12" }))).toEqual({
      ok: false,
      problems: [
        {
          row: 7,
          column: "Telefone",
          code: "ROW_PHONE_INVALID",
          message: expect.stringMatching(/^"5,51199E\+12" is not a valid phone number \(Excel wrote it in scientific/),
        },
      ],
    });
  });

  it("a key column other than the phone: its trimmed value is the key; empty → ROW_VALUE_MISSING", () => {
    const map = mapper('{"phone": "Telefone", "key": "CPF"}');
    expect(map(row(2, { Telefone: "11987654321", CPF: " 123 " }))).toMatchObject({ ok: true, draft: { key: "123" } });
    expect(map(row(3, { Telefone: "11987654321" }))).toEqual({
      ok: false,
      problems: [{ row: 3, column: "CPF", code: "ROW_VALUE_MISSING", message: 'the key column "CPF" is empty' }],
    });
  });
});

describe("createRowClassifier", () => {
  it("the same number written three ways is one key: the first row wins, later rows are duplicates naming it", () => {
    const classify = createRowClassifier(parseMapping('{"phone": "Telefone"}', "m.json"), HEADERS);
    expect(classify(row(2, { Telefone: "+55 (11) 98765-4321" })).kind).toBe("valid");
    expect(classify(row(3, { Telefone: "abc" })).kind).toBe("invalid");
    const dup = classify(row(4, { Telefone: "11 8765-4321" }));
    expect(dup).toMatchObject({
      kind: "duplicate",
      problem: {
        row: 4,
        column: "Telefone",
        code: "ROW_DUPLICATE_KEY",
        message: "duplicate of row 2: the phone number 5511987654321 appears again (the first row wins)",
      },
    });
    expect(classify(row(5, { Telefone: "5511987654321" })).kind).toBe("duplicate");
    expect(classify(row(6, { Telefone: "21 99876-1234" })).kind).toBe("valid");
  });

  it("with a custom key, duplicates are by that key", () => {
    const classify = createRowClassifier(parseMapping('{"phone": "Telefone", "key": "CPF"}', "m.json"), HEADERS);
    expect(classify(row(2, { Telefone: "11987654321", CPF: "1" })).kind).toBe("valid");
    expect(classify(row(3, { Telefone: "11987654321", CPF: "2" })).kind).toBe("valid");
    expect(classify(row(4, { Telefone: "21987654321", CPF: "1" }))).toMatchObject({
      kind: "duplicate",
      problem: { column: "CPF", message: 'duplicate of row 2: the key "1" appears again (the first row wins)' },
    });
  });
});

describe("createRowClassifier at scale", () => {
  it("keeps the first row of each of 200 000 numbers through index growth", () => {
    const classify = createRowClassifier(parseMapping('{"phone": "Telefone"}', "m.json"), HEADERS);
    const phone = (i: number) => `(11) 9${String(i).padStart(8, "0")}`;
    for (let i = 0; i < 200_000; i++) expect(classify(row(i + 2, { Telefone: phone(i) })).kind === "valid").toBe(true);
    expect(classify(row(300_000, { Telefone: phone(123_456) }))).toMatchObject({
      kind: "duplicate",
      problem: { message: expect.stringContaining("duplicate of row 123458:") },
    });
    expect(classify(row(300_001, { Telefone: phone(200_000) })).kind).toBe("valid");
  });
});
