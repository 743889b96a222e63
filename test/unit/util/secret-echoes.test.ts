import { describe, expect, it } from "vitest";
import { redact } from "../../../src/errors.js";
import { base64Forms, maskRuns, PARTIAL_RUN, runIndex } from "../../../src/util/secret-echoes.js";
import { keyLeaks } from "../../helpers/key-leaks.js";

/** A key shaped like ChatGuru's (long, mixed case, digits) — not a real one. */
const KEY = "Zq7TfK2mWc9XbR4vLp8NdH3sJy6GaE1u";
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("redact: pieces and base64 forms of the key", () => {
  it.each([
    ["the first 20 characters", `key inválida: ${KEY.slice(0, 20)}…`],
    ["12 characters from the middle", `recebido "${KEY.slice(9, 21)}"`],
    ["the key with one character changed", `${KEY.slice(0, 15)}#${KEY.slice(16)}`],
    ["its base64", `echo ${b64(KEY)}`],
    ["its base64url, unpadded", `t=${Buffer.from(KEY).toString("base64url")}`],
    ["a Basic header built from account:key", `Authorization: Basic ${b64(`acc-1:${KEY}`)}`],
    ["a Basic header with a 2-byte prefix", `Basic ${b64(`ab:${KEY}`)}`],
    ["base64, URL-encoded whole", `x=${encodeURIComponent(b64(`${KEY}??>`))}`],
    ["the first 14 characters of its base64", `${b64(KEY).slice(0, 14)}`],
  ])("%s: nothing of 12+ characters is left", (_what, text) => {
    const out = redact(text, [KEY]);
    expect(keyLeaks(out, KEY)).toEqual([]);
    expect(out).toContain("***");
  });

  it("leaves the rest of the text, and 11-character coincidences, alone", () => {
    const text = `Nenhum campo ${KEY.slice(0, PARTIAL_RUN - 1)} chat 5511987654321`;
    expect(redact(text, [KEY])).toBe(text);
    expect(redact("key inválida: ***", [KEY])).toBe("key inválida: ***");
  });

  it("masks a run as one, however many 12-character pieces it holds", () => {
    expect(redact(`a ${KEY.slice(2, 30)} b ${KEY.slice(0, 13)} c`, [KEY])).toBe("a *** b *** c");
  });

  it("short secrets are only redacted whole (a piece of them could be any word)", () => {
    expect(redact("abcdefgh and abcdefghij", ["abcdefghij"])).toBe("abcdefgh and ***");
    expect(base64Forms("short")).toEqual([]);
  });
});

describe("maskRuns", () => {
  it("finds runs at the very start and end, and adjacent runs", () => {
    const index = runIndex(["ABCDEFGHIJKLMNOPQRSTUVWXYZ"]);
    expect(maskRuns("ABCDEFGHIJKL", index, "*")).toBe("*");
    expect(maskRuns("xxABCDEFGHIJKLMNOPyy", index, "*")).toBe("xx*yy");
    expect(maskRuns("ABCDEFGHIJKLOPQRSTUVWXYZ", index, "*")).toBe("*");
    expect(maskRuns("ABCDEFGHIJK-OPQRSTUVWXYZ", index, "*")).toBe("ABCDEFGHIJK-*");
  });
});
