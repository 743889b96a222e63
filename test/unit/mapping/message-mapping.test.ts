import { describe, expect, it } from "vitest";
import { createRowMapper } from "../../../src/mapping/apply-mapping.js";
import { parseMapping } from "../../../src/mapping/load-mapping.js";
import { checkFileUrl } from "../../../src/mapping/file-url.js";
import { parseSendDate } from "../../../src/mapping/send-date.js";
import type { SourceRow } from "../../../src/core/source-row.js";

const HEADERS = ["Telefone", "Nome", "Aviso", "Quando", "Boleto", "Plano"];
const NOW = new Date("2026-11-29T12:00:00-03:00");
const row = (values: Record<string, string>): SourceRow => ({
  rowNumber: 2,
  values: Object.fromEntries(HEADERS.map((h) => [h, values[h] ?? ""])),
});
const mapper = (json: string) => createRowMapper(parseMapping(json, "m.json"), HEADERS, { now: () => NOW });

describe("parseSendDate (Brasília time, wire form YYYY-MM-DD HH:MM)", () => {
  it.each([
    ["05/12/2026 14:30", "2026-12-05 14:30"],
    ["5/12/2026 8h05", "2026-12-05 08:05"],
    ["05/12/2026", "2026-12-05 09:00"],
    ["2026-12-05", "2026-12-05 09:00"],
    ["2026-12-05T14:30", "2026-12-05 14:30"],
    ["2026-12-05T17:30:00Z", "2026-12-05 14:30"],
    ["2026-12-05T14:30:00-03:00", "2026-12-05 14:30"],
    ["2026-12-05T19:30:00+02:00", "2026-12-05 14:30"],
    ["46361.6041666667", "2026-12-05 14:30"],
  ])("%s → %s", (input, wire) => {
    expect(parseSendDate(input, NOW)).toEqual({ ok: true, wire });
  });

  it("rejects what is not a date, an impossible date, and a past date with their codes", () => {
    expect(parseSendDate("amanhã", NOW)).toMatchObject({ ok: false, code: "ROW_SEND_DATE_INVALID" });
    expect(parseSendDate("31/02/2027", NOW)).toMatchObject({ ok: false, code: "ROW_SEND_DATE_INVALID" });
    expect(parseSendDate("29/11/2026 11:59", NOW)).toMatchObject({
      ok: false,
      code: "ROW_SEND_DATE_PAST",
      message: expect.stringContaining("2026-11-29 11:59 (Brasília time) is in the past"),
    });
    expect(parseSendDate("29/11/2026 12:01", NOW)).toEqual({ ok: true, wire: "2026-11-29 12:01" });
  });
});

describe("checkFileUrl", () => {
  it("accepts http(s) links ending in the file's extension", () => {
    expect(checkFileUrl(" https://x.example/b/boleto-123.pdf ")).toEqual({
      ok: true,
      url: "https://x.example/b/boleto-123.pdf",
    });
    expect(checkFileUrl("http://x.example/a%20b.JPG?dl=1").ok).toBe(true);
  });
  it.each(["ftp://x.example/a.pdf", "file:///etc/passwd.txt", "https://x.example/boleto?id=1", "boleto.pdf"])(
    "rejects %s",
    (url) => expect(checkFileUrl(url).ok).toBe(false),
  );
});

describe("createRowMapper: message, file, context", () => {
  const m = mapper(`{
    "phone": "Telefone", "name": "Nome",
    "message": {"text": {"template": "Olá {{Nome}}, {{Aviso}}"}, "send_date": "Quando"},
    "file": {"url": "Boleto", "caption": {"value": "Seu boleto"}},
    "context": {"Plano": "Plano"}
  }`);

  it("renders the message, converts the send date, checks the file link, maps context", () => {
    const mapped = m(
      row({
        Telefone: "11987654321",
        Nome: "Ana",
        Aviso: "seu boleto chegou",
        Quando: "05/12/2026 14:30",
        Boleto: "https://x.example/b/1.pdf",
        Plano: "Ouro",
      }),
    );
    expect(mapped).toMatchObject({
      ok: true,
      draft: {
        message: { text: "Olá Ana, seu boleto chegou", sendDate: "2026-12-05 14:30" },
        file: { url: "https://x.example/b/1.pdf", caption: "Seu boleto" },
        context: { Plano: "Ouro" },
      },
    });
  });

  it("an empty text or url sends nothing for that row", () => {
    const mapped = mapper(`{"phone": "Telefone", "message": {"text": "Aviso"}, "file": {"url": "Boleto"}}`)(
      row({ Telefone: "11987654321" }),
    );
    expect(mapped.ok).toBe(true);
    if (mapped.ok) expect(mapped.draft).not.toHaveProperty("message");
    if (mapped.ok) expect(mapped.draft).not.toHaveProperty("file");
  });

  it("a link without extension makes the row invalid, on its column; a past send date only marks the message", () => {
    const mapped = m(
      row({ Telefone: "11987654321", Nome: "Ana", Aviso: "x", Quando: "01/01/2020", Boleto: "https://x.example/b" }),
    );
    expect(mapped).toMatchObject({ ok: false, problems: [{ row: 2, column: "Boleto", code: "ROW_FILE_URL_INVALID" }] });
    expect(mapped.ok ? [] : mapped.problems).toHaveLength(1);
    const late = m(row({ Telefone: "11987654321", Nome: "Ana", Aviso: "x", Quando: "01/01/2020" }));
    expect(late).toMatchObject({
      ok: true,
      draft: {
        message: { text: "Olá Ana, x", sendDate: "2020-01-01 09:00", late: expect.stringMatching(/in the past/) },
      },
    });
  });

  it("adds the message write-back columns only when the mapping sends messages", () => {
    expect(parseMapping(`{"phone": "Telefone", "message": {"text": "Aviso"}}`, "m.json").write_back).toMatchObject({
      message_id: "chatguru_message_id",
      message_status: "chatguru_message_status",
    });
    expect(parseMapping(`{"phone": "Telefone"}`, "m.json").write_back).not.toHaveProperty("message_id");
  });
});

describe("checkMapping: message, file and context columns must exist", () => {
  it("names the missing column of message.text, file.url and context with line:column", async () => {
    const { checkMapping } = await import("../../../src/mapping/rules.js");
    const json = `{"phone": "Telefone",\n "message": {"text": {"template": "Olá {{Nme}}"}},\n "file": {"url": "Bolet"},\n "context": {"Plano": "Planos"}}`;
    expect(() => checkMapping(parseMapping(json, "m.json"), HEADERS)).toThrow(/Nme[\s\S]*Bolet[\s\S]*Planos/);
  });
});
