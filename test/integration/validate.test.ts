import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCsvSource } from "../../src/sources/csv-source.js";
import { validate, type ValidateEvent } from "../../src/validate.js";
import { repoRoot } from "../helpers/cli.js";
import { withExitCode } from "../helpers/exit-code.js";

const at = (...parts: string[]) => join(repoRoot, ...parts);

describe("validate (library)", () => {
  it("the example mapping on the contacts fixture: exit 1 only for the two bad phones and the one duplicate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-validate-"));
    const results = join(dir, "contacts.results.csv");
    const events: ValidateEvent[] = [];
    const report = await validate({
      source: createCsvSource(at("fixtures", "contacts.csv")),
      mappingPath: at("mapping.example.json"),
      resultsPath: results,
      onEvent: (e) => events.push(e),
    });
    expect(report).toMatchObject({
      ok: false,
      exitCode: 1,
      counts: { total: 50, valid: 47, invalid: 2, duplicate: 1 },
      problemCount: 3,
      results,
    });
    expect(report.problems).toEqual([
      {
        row: 23,
        column: "Telefone",
        code: "ROW_PHONE_INVALID",
        message: '"12345" is not a valid phone number (too short)',
      },
      {
        row: 35,
        column: "Telefone",
        code: "ROW_PHONE_INVALID",
        message: '"telefone não informado" is not a valid phone number (contains letters)',
      },
      {
        row: 46,
        column: "Telefone",
        code: "ROW_DUPLICATE_KEY",
        message: "duplicate of row 2: the phone number 5511987654321 appears again (the first row wins)",
      },
    ]);
    expect(readFileSync(results)).toEqual(readFileSync(at("fixtures", "expected", "contacts.validate.results.csv")));
    expect(readdirSync(dir)).toEqual(["contacts.results.csv"]);
    expect(events.map((e) => e.type)).toEqual(["start", "done"]);
  });

  it("an all-valid file is ok with exit 0; --limit reads only the first rows", async () => {
    const report = await validate({
      source: createCsvSource(at("fixtures", "contacts.csv")),
      mappingPath: at("mapping.example.json"),
      limit: 10,
    });
    expect(report).toMatchObject({
      ok: true,
      exitCode: 0,
      counts: { total: 10, valid: 10, invalid: 0, duplicate: 0 },
      problems: [],
    });
    expect(report.results).toBeUndefined();
  });

  it("Excel-BR cp1252 file with a minimal mapping is all valid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-validate-"));
    const mapping = join(dir, "m.json");
    writeFileSync(
      mapping,
      '{"phone": "Telefone", "name": {"column": "Nome", "transform": ["title"]}, "custom_fields": {"Etapa": {"column": "Etapa", "default": "novo"}}}',
    );
    const report = await validate({
      source: createCsvSource(at("fixtures", "csv", "excel-br.csv")),
      mappingPath: mapping,
    });
    expect(report.counts).toEqual({ total: 8, valid: 8, invalid: 0, duplicate: 0 });
  });

  it("bad phones and duplicates fixtures report each problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-validate-"));
    const mapping = join(dir, "m.json");
    writeFileSync(mapping, '{"phone": "Telefone", "name": "Nome"}');
    const bad = await validate({
      source: createCsvSource(at("fixtures", "csv", "bad-phones.csv")),
      mappingPath: mapping,
    });
    expect(bad.counts).toEqual({ total: 7, valid: 1, invalid: 6, duplicate: 0 });
    expect(bad.problems.map((p) => `${p.row} ${p.code}`)).toEqual([
      "2 ROW_PHONE_INVALID",
      "3 ROW_PHONE_INVALID",
      "4 ROW_VALUE_MISSING",
      "5 ROW_PHONE_INVALID",
      "6 ROW_PHONE_INVALID",
      "7 ROW_PHONE_INVALID",
    ]);
    const dups = await validate({
      source: createCsvSource(at("fixtures", "csv", "duplicates.csv")),
      mappingPath: mapping,
    });
    expect(dups.counts).toEqual({ total: 5, valid: 2, invalid: 0, duplicate: 3 });
    expect(dups.problems.map((p) => p.row)).toEqual([3, 4, 5]);
  });

  it("a mapping naming a missing column is a ConfigError (exit 2) and no results file is left", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-validate-"));
    const mapping = join(dir, "m.json");
    writeFileSync(mapping, '{"phone": "Fone"}');
    const error = await validate({
      source: createCsvSource(at("fixtures", "contacts.csv")),
      mappingPath: mapping,
      resultsPath: join(dir, "r.csv"),
    }).catch((e: unknown) => e);
    expect(withExitCode(error)).toMatchObject({ code: "MAPPING_RULES", exitCode: 2 });
    expect(readdirSync(dir)).toEqual(["m.json"]);
  });

  it("an aborted signal stops with InterruptedError and discards the results file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-validate-"));
    const controller = new AbortController();
    controller.abort();
    const error = await validate({
      source: createCsvSource(at("fixtures", "contacts.csv")),
      mappingPath: at("mapping.example.json"),
      resultsPath: join(dir, "r.csv"),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(withExitCode(error)).toMatchObject({ name: "InterruptedError", exitCode: 130 });
    expect(readdirSync(dir)).toEqual([]);
  });
});
