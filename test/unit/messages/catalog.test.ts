import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../../src/messages/en.js";
import { ptBR } from "../../../src/messages/pt-BR.js";
import { hasMessage, say } from "../../../src/messages/translate.js";
import { text, type MessageKey } from "../../../src/messages/text.js";
import { repoRoot } from "../../helpers/cli.js";

/** Every code of core/error-codes.ts, read from the file: a code added there and nowhere else is still found. */
function declaredCodes(): string[] {
  const source = readFileSync(join(repoRoot, "src", "core", "error-codes.ts"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  return [...new Set([...source.matchAll(/"([A-Z][A-Z0-9_]+)"/g)].map((m) => m[1]!))].sort();
}

/** Plain pt-BR entries that may be the same as English: words both languages write alike. */
const SAME_IN_BOTH = new Set(["mapping.type.null", "ui.app.name", "ui.common.none", "ui.file.read.encoding.utf-16be"]);

describe("the message catalog", () => {
  it("pt-BR has exactly the keys of English (the typecheck says so too; this catches a key added by a spread)", () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it("every error code of core/error-codes.ts has its meaning in both languages", () => {
    const codes = declaredCodes();
    expect(codes.length).toBeGreaterThan(90);
    const missing = codes.flatMap((code) =>
      (["en", "pt-BR"] as const)
        .filter((language) => !hasMessage(language, `code.${code}` as MessageKey))
        .map((language) => `${language}: code.${code}`),
    );
    expect(missing).toEqual([]);
    // …and no meaning for a code that no longer exists.
    const stale = Object.keys(en)
      .filter((key) => key.startsWith("code.") || key.startsWith("hint."))
      .map((key) => key.slice(key.indexOf(".") + 1))
      .filter((code) => !codes.includes(code));
    expect(stale).toEqual([]);
  });

  it("every hint is said in both languages", () => {
    const hints = Object.keys(en).filter((key) => key.startsWith("hint."));
    expect(hints.length).toBeGreaterThan(5);
    for (const key of hints) expect(hasMessage("pt-BR", key as MessageKey), key).toBe(true);
  });

  it("pt-BR is a translation, not a copy: plain entries differ from English unless both languages write them alike", () => {
    const copied = Object.entries(en)
      .filter(([key, value]) => typeof value === "string" && !SAME_IN_BOTH.has(key))
      .filter(([key, value]) => (ptBR as Record<string, unknown>)[key] === value)
      .map(([key]) => key);
    expect(copied).toEqual([]);
  });

  it("error codes are never translated: a message carrying a code says it as is in pt-BR", () => {
    const held = text("problem", {
      code: "MESSAGE_HELD",
      row: 7,
      message: text("row.held", { row: 7, parts: ["message"] }),
    });
    expect(say("pt-BR", held)).toMatch(/^MESSAGE_HELD: Linha 7: a mensagem deste chat ficou retida/);
    expect(say("pt-BR", held)).not.toMatch(/MENSAGEM_RETIDA/);
    expect(say("en", held)).toMatch(/^MESSAGE_HELD: Row 7: the message for this chat was held/);
  });

  it("a Text inside a Text is said in the same language (a hint inside an error)", () => {
    const said = text("withHint", {
      message: text("run.needsConnection"),
      hint: text("hint.CONFIG_CONNECTION_MISSING"),
    });
    expect(say("pt-BR", said)).toContain("a sincronização precisa dos dados de conexão");
    expect(say("pt-BR", said)).toContain('página "Celulares"');
    expect(say("en", said)).toContain("ChatGuru shows them");
  });

  it("the web app's accessible names the browser checks rely on are the catalog's pt-BR words", () => {
    expect(say("pt-BR", text("ui.file.fileLabel"))).toBe("Arquivo");
    expect(say("pt-BR", text("ui.run.continue"))).toBe("Continuar");
    expect(say("pt-BR", text("ui.review.start"))).toBe("Iniciar envio");
    expect(say("pt-BR", text("ui.run.stop"))).toBe("Parar");
    expect(say("pt-BR", text("ui.result.retryFailed"))).toBe("Reenviar falhas");
    expect(say("pt-BR", text("ui.history.caption"))).toContain("Histórico");
    expect(say("pt-BR", text("ui.file.rows", { n: 0 }))).toBe("nenhuma linha de contatos");
    expect(say("pt-BR", text("ui.columns.phones", { valid: 287, invalid: 13 }))).toBe(
      "287 celulares válidos, 13 inválidos",
    );
  });

  it("the web app counts rows, requests and messages with the plurals right in both languages", () => {
    const rows = (language: "en" | "pt-BR", n: number) => say(language, text("ui.run.progressUnknown", { done: n }));
    expect([0, 1, 2].map((n) => rows("pt-BR", n))).toEqual([
      "nenhuma linha até agora",
      "1 linha até agora",
      "2 linhas até agora",
    ]);
    expect([0, 1, 2].map((n) => rows("en", n))).toEqual(["0 rows so far", "1 row so far", "2 rows so far"]);
    const time = text("ui.duration.about", { duration: text("duration.minutes", { n: 1 }) });
    expect(say("pt-BR", text("ui.review.cost", { requests: 44, time }))).toBe(
      "Cerca de 44 requisições ao ChatGuru · cerca de 1 min",
    );
    expect(say("pt-BR", text("ui.review.cost", { requests: 1, time }))).toBe(
      "Cerca de 1 requisição ao ChatGuru · cerca de 1 min",
    );
    expect(say("en", text("ui.review.cost", { requests: 44, time }))).toBe(
      "About 44 requests to ChatGuru · about 1 min",
    );
    expect(say("pt-BR", text("ui.review.messagesCount", { n: 1 }))).toMatch(/^1 mensagem será enviada/);
    expect(say("pt-BR", text("ui.review.messagesCount", { n: 3 }))).toMatch(/^3 mensagens serão enviadas/);
  });

  it("a key the catalog does not have is said by its English, then by its name, never a crash", () => {
    expect(say("pt-BR", { key: "no.such.key" })).toBe("no.such.key");
  });

  it("the catalog files import nothing of node: or of the rest of the project but core/ types (the web app loads them)", () => {
    const dir = join(repoRoot, "src", "messages");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(join(dir, file), "utf8");
      for (const m of source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        const spec = m[1]!;
        expect(spec.startsWith("node:"), `${file} imports ${spec}`).toBe(false);
        expect(
          spec.startsWith(".") && !/^(\.\.?\/)+(core\/|[\w-]+\.js$|en\/|pt-BR\/)/.test(spec),
          `${file} imports ${spec}`,
        ).toBe(false);
        if (spec.includes("core/") && !spec.endsWith("core/text.js")) {
          expect(source, `${file} must import ${spec} as a type only`).toMatch(
            new RegExp(`import type [^;]*"${spec.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`),
          );
        }
      }
    }
  });
});
