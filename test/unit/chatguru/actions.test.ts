import { describe, expect, it } from "vitest";
import { ACTION_NAMES, ACTIONS, isChatGuruAction } from "../../../src/chatguru/action-table.js";
import { assertFileUrl, parseCorrectedNumber } from "../../../src/chatguru/actions.js";
import { toSendDate } from "../../../src/chatguru/send-date.js";
import { ChatGuruParamError } from "../../../src/chatguru/errors.js";

describe("toSendDate (YYYY-MM-DD HH:MM, Brasília time)", () => {
  it("formats a Date in America/Sao_Paulo (UTC-3, no DST since 2019)", () => {
    expect(toSendDate(new Date("2026-03-01T12:30:00Z"))).toBe("2026-03-01 09:30");
    expect(toSendDate(new Date("2026-07-15T02:05:59Z"))).toBe("2026-07-14 23:05");
    expect(toSendDate(new Date("2026-01-01T03:00:00Z"))).toBe("2026-01-01 00:00");
  });
  it("accepts a string already in the format", () => {
    expect(toSendDate("2026-03-01 09:30")).toBe("2026-03-01 09:30");
    expect(toSendDate("2028-02-29 23:59")).toBe("2028-02-29 23:59");
  });
  it.each([
    "2026-03-01T09:30",
    "01/03/2026 09:30",
    "2026-03-01 9:30",
    "2026-13-01 09:30",
    "2026-02-30 09:30",
    "2026-03-01 24:00",
    "2026-03-01 09:60",
    "",
  ])("rejects %j with a clear error", (value) => {
    expect(() => toSendDate(value)).toThrow(ChatGuruParamError);
    expect(() => toSendDate(value)).toThrow(/YYYY-MM-DD HH:MM/);
  });
  it("rejects an invalid Date", () => {
    expect(() => toSendDate(new Date("nope"))).toThrow(ChatGuruParamError);
  });
});

describe("parseCorrectedNumber", () => {
  it("reads the digits after 'corrigido para'", () => {
    expect(parseCorrectedNumber("Chat adicionado com sucesso! Número corrigido para 554797565906")).toBe(
      "554797565906",
    );
    expect(parseCorrectedNumber("Número corrigido para +55 47 9756-5906.")).toBe("554797565906");
    expect(parseCorrectedNumber("Chat adicionado com sucesso!")).toBeUndefined();
    expect(parseCorrectedNumber("corrigido para ninguém")).toBeUndefined();
  });
});

describe("assertFileUrl", () => {
  it("accepts URLs whose path ends in an extension", () => {
    expect(() => assertFileUrl("https://cdn.example.com/docs/catalogo.pdf")).not.toThrow();
    expect(() => assertFileUrl("https://cdn.example.com/a/b/foto.JPEG?sig=abc")).not.toThrow();
  });
  it.each(["https://cdn.example.com/download?id=1", "https://cdn.example.com/docs/", "not a url", "ftp://x/y.pdf"])(
    "rejects %s",
    (url) => {
      expect(() => assertFileUrl(url)).toThrow(ChatGuruParamError);
    },
  );
});

describe("ACTIONS", () => {
  it("lists every action ChatGuru has with its required params", () => {
    expect(new Set(ACTION_NAMES)).toEqual(
      new Set([
        "message_send",
        "message_status",
        "chat_add",
        "chat_add_status",
        "chat_update_custom_fields",
        "note_add",
        "dialog_execute",
        "message_file_send",
        "chat_update_name",
        "chat_update_context",
      ]),
    );
    expect(ACTIONS.chat_add.required).toEqual(["chat_number", "name", "text"]);
    expect(ACTIONS.chat_update_name.experimental).toBe(true);
    expect(isChatGuruAction("note_add")).toBe(true);
    expect(isChatGuruAction("toString")).toBe(false);
  });
});
