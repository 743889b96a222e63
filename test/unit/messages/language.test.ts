import { describe, expect, it } from "vitest";
import { languageOf } from "../../../src/cli/language.js";
import { isUsageError } from "../../../src/errors.js";
import { count, decimal, LINHA, list, num } from "../../../src/messages/format-pt.js";
import { languageFromLocale, parseLanguage } from "../../../src/messages/language.js";
import { speaker } from "../../../src/messages/translate.js";

describe("which language the CLI speaks", () => {
  it("the locale as POSIX resolves LC_MESSAGES: LC_ALL, then LC_MESSAGES, then LANG; empty counts as unset", () => {
    expect(languageFromLocale({})).toBe("en");
    expect(languageFromLocale({ LANG: "pt_BR.UTF-8" })).toBe("pt-BR");
    expect(languageFromLocale({ LANG: "pt_BR" })).toBe("pt-BR");
    expect(languageFromLocale({ LANG: "pt_BR@euro" })).toBe("pt-BR");
    expect(languageFromLocale({ LANG: "en_US.UTF-8", LC_MESSAGES: "pt_BR.utf8" })).toBe("pt-BR");
    expect(languageFromLocale({ LANG: "pt_BR.UTF-8", LC_MESSAGES: "C" })).toBe("en");
    expect(languageFromLocale({ LANG: "pt_BR.UTF-8", LC_ALL: "C.UTF-8", LC_MESSAGES: "pt_BR" })).toBe("en");
    expect(languageFromLocale({ LANG: "pt_BR.UTF-8", LC_ALL: "" })).toBe("pt-BR");
    // Portugal's Portuguese is not Brazilian: English, rather than words a Portuguese reader would find odd.
    expect(languageFromLocale({ LANG: "pt_PT.UTF-8" })).toBe("en");
    expect(languageFromLocale({ LANG: "pt_BRX" })).toBe("en");
  });

  it("--lang wins over the locale, in any spelling a person types", () => {
    expect(languageOf(["sync", "--lang", "pt-BR"], { LANG: "C" })).toBe("pt-BR");
    expect(languageOf(["sync", "--lang=pt_BR"], {})).toBe("pt-BR");
    expect(languageOf(["--lang", "en", "sync"], { LC_ALL: "pt_BR.UTF-8" })).toBe("en");
    expect(languageOf(["sync"], { LC_ALL: "pt_BR.UTF-8" })).toBe("pt-BR");
    expect(parseLanguage("PT-br")).toBe("pt-BR");
    expect(parseLanguage("en_US")).toBe("en");
  });

  it("an unknown --lang is a usage error naming the two languages", () => {
    let caught: unknown;
    try {
      languageOf(["sync", "--lang", "fr"], {});
    } catch (error) {
      caught = error;
    }
    expect(isUsageError(caught)).toBe(true);
    expect((caught as Error).message).toBe('--lang must be en or pt-BR, got "fr".');
  });
});

describe("numbers and plurals in pt-BR", () => {
  it("zero is written out (Intl.PluralRules says 'one' for 0 in pt-BR), one is singular, the rest plural", () => {
    expect(new Intl.PluralRules("pt-BR").select(0)).toBe("one");
    expect(count(0, LINHA)).toBe("nenhuma linha");
    expect(count(1, LINHA)).toBe("1 linha");
    expect(count(2, LINHA)).toBe("2 linhas");
    expect(count(10_000, LINHA)).toBe("10.000 linhas");
  });

  it("the summary counts rows the same way, and numbers use Brazilian separators", () => {
    const pt = speaker("pt-BR");
    expect(pt.t("summary.rows", { n: 0 })).toBe("nenhuma linha");
    expect(pt.t("summary.rows", { n: 1 })).toBe("1 linha");
    expect(pt.t("summary.rows", { n: 2 })).toBe("2 linhas");
    expect(pt.t("summary.outcomeCount", { n: 1, outcome: "created" })).toBe("1 criada");
    expect(pt.t("summary.outcomeCount", { n: 3, outcome: "failed" })).toBe("3 com falha");
    expect(pt.t("summary.line", { rows: "50 linhas", seconds: 6.72, parts: [] })).toBe("50 linhas em 6,7 s");
    expect(num(1234567)).toBe("1.234.567");
    expect(decimal(0.25, 1)).toBe("0,3");
    expect(list(["a", "b", "c"])).toBe("a, b e c");
    // English stays as it was: no grouping, a dot.
    const en = speaker("en");
    expect(en.t("summary.rows", { n: 0 })).toBe("0 rows");
    expect(en.t("summary.line", { rows: "10000 rows", seconds: 6.72, parts: [] })).toBe("10000 rows in 6.7 s");
  });
});
