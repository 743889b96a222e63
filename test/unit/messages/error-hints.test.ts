import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChatGuruApiError, ChatGuruAuthError } from "../../../src/chatguru/errors.js";
import { ERROR_HINTS, hintWords as hintFor, withHint as withHintText } from "../../../src/messages/hint.js";
import { text } from "../../../src/messages/text.js";
import { english } from "../../../src/messages/translate.js";
import { repoRoot } from "../../helpers/cli.js";

const count = (said: string, part: string) => said.split(part).length - 1;
/** The string form the tests were written with: a message in English words, hinted, said in English. */
const withHint = (message: string, code: Parameters<typeof withHintText>[1]) =>
  english(withHintText(text("raw", { text: message }), code));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("error hints", () => {
  it("withHint appends the code's hint once, after the message's own period", () => {
    expect(withHint("Missing X.", "CONFIG_CONNECTION_MISSING")).toBe(
      `Missing X — ${ERROR_HINTS.CONFIG_CONNECTION_MISSING}.`,
    );
    expect(withHint("Something.", "CHATGURU_NETWORK")).toBe("Something.");
    expect(hintFor("CHATGURU_NETWORK")).toBeUndefined();
  });
  it("withHint never repeats a hint a wrapped message already carries", () => {
    const inner = withHint('ChatGuru note_add answered 400 "Chat não encontrado."', "CHATGURU_CHAT_NOT_FOUND");
    const wrapped = `no chat for 5511987654321 or 551187654321 (${inner})`;
    expect(withHint(wrapped, "CHATGURU_CHAT_NOT_FOUND")).toBe(wrapped);
    expect(count(withHint(inner, "CHATGURU_CHAT_NOT_FOUND"), hintFor("CHATGURU_CHAT_NOT_FOUND")!)).toBe(1);
  });
  it("a ChatGuru refusal carries its hint exactly once", () => {
    const e = new ChatGuruApiError({
      action: "chat_update_custom_fields",
      httpStatus: 400,
      description: "Chat não encontrado.",
    });
    expect(e.message).toBe(
      `ChatGuru chat_update_custom_fields answered 400 "Chat não encontrado." — ${hintFor("CHATGURU_CHAT_NOT_FOUND")}.`,
    );
    const auth = new ChatGuruAuthError({ action: "note_add", httpStatus: 400, description: "key inválida" });
    expect(count(auth.message, "Celulares")).toBe(1);
  });
  it("each piece of advice is written once per language (the catalog's hint tables), not again beside an error", () => {
    // ui/texts.ts holds the web app's pt-BR advice, each piece once, until it moves into the catalog.
    const sources = sourceFiles(join(repoRoot, "src"))
      .filter((path) => !path.includes(join("src", "messages")) && !path.endsWith(join("ui", "texts.ts")))
      .map((path) => readFileSync(path, "utf8"))
      .join("\n");
    for (const phrase of ["Celulares", "Campos Personalizados", "lower --rate", "mode create/upsert", "/api/v1)"]) {
      expect(count(sources, phrase), phrase).toBe(0);
    }
    const tables = ["en", "pt-BR"].map((language) =>
      readFileSync(join(repoRoot, "src", "messages", language, "hints.ts"), "utf8"),
    );
    for (const table of tables) {
      for (const phrase of ["Celulares", "Campos Personalizados", "--rate", "/api/v1)"]) {
        expect(count(table, phrase), phrase).toBe(1);
      }
    }
  });
});
