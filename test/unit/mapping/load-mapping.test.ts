import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isConfigError, type ConfigError } from "../../../src/errors.js";
import { loadMapping, parseMapping } from "../../../src/mapping/load-mapping.js";
import { buildMappingJsonSchema } from "../../../src/mapping/schema.js";
import { DEFAULT_WRITE_BACK } from "../../../src/core/row-result.js";
import { mappingSchemaText } from "../../../scripts/generate-mapping-schema.js";
import { repoRoot } from "../../helpers/cli.js";
import { exitCodeOf, rejectsWithExitCode } from "../../helpers/exit-code.js";

function failure(text: string): ConfigError {
  try {
    parseMapping(text, "mapping.json");
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error("expected the mapping to be rejected");
}
const lines = (error: ConfigError) => error.message.split("\n").slice(1);

describe("loadMapping", () => {
  it("normalizes a minimal mapping: defaults filled, bare phone string → object", () => {
    const mapping = parseMapping('{"phone": "Telefone"}', "m.json");
    expect({ ...mapping }).toEqual({
      mode: "upsert",
      phone: { column: "Telefone", default_country: "BR" },
      custom_fields: {},
      empty: "skip",
      write_back: DEFAULT_WRITE_BACK,
      path: "m.json",
    });
    expect(mapping.locate?.(["phone"])).toEqual({ line: 1, column: 11 });
    // locate is not data: it does not leak into JSON.
    expect(JSON.stringify(mapping)).not.toContain("locate");
  });

  it("accepts // and /* */ comments, trailing commas, a BOM, and partial write_back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-map-"));
    const file = join(dir, "m.json");
    writeFileSync(
      file,
      '\uFEFF{\n  // the number\n  "phone": {"column": "Tel",},\n  /* block */ "write_back": {"status": "st"},\n}\n',
    );
    const mapping = await loadMapping(file);
    expect(mapping.phone).toEqual({ column: "Tel", default_country: "BR" });
    expect(mapping.write_back).toEqual({ ...DEFAULT_WRITE_BACK, status: "st" });
    expect(mapping.path).toBe(file);
  });

  it("a missing file is MAPPING_NOT_FOUND naming the path as given", async () => {
    await expect(rejectsWithExitCode(loadMapping("/nonexistent/m.json", "m.json"))).rejects.toMatchObject({
      code: "MAPPING_NOT_FOUND",
      exitCode: 2,
      message: "Mapping file not found: m.json",
    });
  });

  it("the example mapping of the repository loads", async () => {
    const mapping = await loadMapping(join(repoRoot, "mapping.example.json"));
    expect(mapping.custom_fields["CRM | Link negócio"]).toEqual({ column: "Link", transform: ["trim"] });
    expect(mapping.note).toEqual({ template: "Importado da planilha: {{Observações}}" });
  });

  it("reports every schema problem at once with line:column and a suggestion", () => {
    const error = failure(
      [
        "{",
        '  "phone": "Telefone",',
        '  "modo": "upsert",',
        '  "mode": "crate",',
        '  "empty": 3,',
        '  "custom_fields": {',
        '    "A": {"colum": "X"},',
        '    "B": {"column": "X", "value": "y"},',
        '    "C": 7',
        "  }",
        "}",
      ].join("\n"),
    );
    expect(error.code).toBe("MAPPING_INVALID");
    expect(exitCodeOf(error)).toBe(2);
    expect(error.message.split("\n")[0]).toBe("Mapping mapping.json has 6 problems:");
    expect(lines(error)).toEqual([
      'mapping.json:3:3: unknown key "modo" (did you mean "mode"?)',
      'mapping.json:4:11: mode must be one of "create", "update", "upsert", got the string "crate" (did you mean "create"?)',
      'mapping.json:5:12: empty must be one of "skip", "clear", got number 3',
      'mapping.json:7:11: unknown key "colum" in custom_fields.A (did you mean "column"?)',
      'mapping.json:8:10: custom_fields.B has "column" and "value": use only one of them',
      'mapping.json:9:10: custom_fields.C must be a column name or an object with "column", "value" or "template", got number 7',
    ]);
  });

  it("a missing phone, a wrong type and an unknown key inside a known object", () => {
    const error = failure('{\n  "name": ["Nome"],\n  "chat_add": {"txt": " "},\n  "phone": {"column": ""}\n}');
    expect(lines(error)).toEqual([
      'mapping.json:2:11: name must be a column name or an object with "column", "value" or "template", got an array',
      'mapping.json:3:16: unknown key "txt" in chat_add (did you mean "text"?)',
      "mapping.json:4:23: phone.column must not be empty",
    ]);
    const missing = failure('{"name": "Nome"}');
    expect(lines(missing)).toEqual(["mapping.json:1:1: phone is required"]);
    expect(lines(failure('{"phone": "T", "dialog_execute": {}}'))).toEqual([
      "mapping.json:1:34: dialog_execute.dialog_id is required",
    ]);
  });

  it("a value spec with a wrong inner type is reported on that key", () => {
    const error = failure('{"phone": "T",\n "custom_fields": {"A": {"column": "X", "transform": "trim"}}}');
    expect(lines(error)).toEqual([
      'mapping.json:2:54: custom_fields.A.transform must be an array, got the string "trim"',
    ]);
  });

  it("JSON syntax errors are reported with line:column, and a repeated key too", () => {
    expect(lines(failure('{\n  "phone": "T"\n  "mode": "create"\n}'))).toEqual([
      'mapping.json:3:3: JSON syntax error: expected ","',
    ]);
    expect(lines(failure(""))).toEqual(["mapping.json: the file is empty; expected a JSON object"]);
    expect(lines(failure('{"phone": "T",\n "phone": "U"}'))).toEqual([
      'mapping.json:2:2: key "phone" appears twice in the same object',
    ]);
    expect(lines(failure("[1]"))).toEqual(["mapping.json:1:1: the mapping must be a JSON object, got an array"]);
  });
});

describe("hostile mapping files", () => {
  it("a custom field or context variable named __proto__ (or constructor) is kept like any other name", async () => {
    const mapping = await loadMapping(join(repoRoot, "fixtures", "mapping", "prototype-keys.json"));
    expect(Object.keys(mapping.custom_fields)).toEqual(["__proto__", "constructor", "Origem"]);
    expect(Object.getOwnPropertyDescriptor(mapping.custom_fields, "__proto__")?.value).toBe("__proto__");
    const context = parseMapping('{"phone":"T","context":{"__proto__":"Plano"}}', "m.json").context!;
    expect(Object.entries(context)).toEqual([["__proto__", "Plano"]]);
  });

  it("a bad value under a __proto__ name is reported at its place, not skipped", () => {
    const error = failure('{\n  "phone": "T",\n  "custom_fields": {"__proto__": 5}\n}');
    expect(exitCodeOf(error)).toBe(2);
    expect(error.message).toMatch(/^mapping\.json:3:34: custom_fields\.__proto__/m);
  });

  it("nesting 100 000 levels deep is a mapping error with its line:column (exit 2), not a RangeError", () => {
    const error = failure(`{"phone": "T", "custom_fields": {"x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}}`);
    expect(exitCodeOf(error)).toBe(2);
    expect(error.code).toBe("MAPPING_INVALID");
    expect(lines(error)).toEqual([
      "mapping.json:1:101: objects and lists nest more than 64 levels deep here, and a mapping needs at most 4: is this the mapping file?",
    ]);
    // Brackets inside strings and comments are not nesting.
    expect(() =>
      parseMapping(`{"phone": "T", /* ${"[".repeat(100)} */ "name": "${"{".repeat(100)}"}`, "m.json"),
    ).not.toThrow();
  });
});

describe("mapping.schema.json", () => {
  it("the committed file is exactly what scripts/generate-mapping-schema.ts produces (run it after changing schema.ts)", () => {
    expect(readFileSync(join(repoRoot, "mapping.schema.json"), "utf8")).toBe(mappingSchemaText());
  });

  it("describes the file as written: strict objects, phone as string or object, value specs as a union", () => {
    const schema = buildMappingJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { anyOf?: unknown[] }>;
    };
    expect(schema.required).toEqual(["phone"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.phone!.anyOf).toHaveLength(2);
    // A whitespace-only string (the literal, e.g. chat_add.text " "), a column name, {column}, {value}, {template}.
    expect(schema.properties.name!.anyOf).toHaveLength(5);
  });
});
