import { describe, expect, it } from "vitest";
import { redact } from "../../../src/errors.js";

/** Every encoding a server may echo a key in is redacted, each character independently. */
const KEY = "AbC+/xy&z09=";

describe("redact", () => {
  it.each([
    ["raw", KEY],
    ["encodeURIComponent", encodeURIComponent(KEY)],
    ["lower-case hex", "AbC%2b%2fxy%26z09%3d"],
    ["double-encoded", "AbC%252B%252Fxy%2526z09%253D"],
    ["form-decoded (+ read as a space)", "AbC /xy&z09="],
    ["JSON-escaped slash", "AbC+\\/xy&z09="],
    ["JSON \\u escapes, any case", "AbC\\u002b\\u002Fxy\\u0026z09\\u003D"],
    ["JSON quoted inside JSON", "AbC+\\\\\\/xy\\\\u0026z09="],
    [
      "every character \\u-escaped",
      Array.from(KEY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""),
    ],
    ["HTML numeric entities", "AbC&#43;&#x2f;xy&#38;z09&#061;"],
    ["HTML named entities", "AbC&plus;&sol;xy&amp;z09&equals;"],
    ["mixed", "A%62C&#43;\\/xy%26z09\\u003d"],
  ])("%s", (_name, echoed) => {
    expect(redact(`before ${echoed} after`, [KEY])).toBe("before *** after");
  });

  it("keeps the text around, redacts every occurrence, and leaves other text alone", () => {
    expect(redact(`a=${KEY}&b=${encodeURIComponent(KEY)}; AbC+/xy`, [KEY])).toBe("a=***&b=***; AbC+/xy");
  });

  it("handles keys with regular-expression characters and outside the BMP", () => {
    expect(redact("x (a.b)*[c]$^ y", ["(a.b)*[c]$^"])).toBe("x *** y");
    const emoji = "ké😀y1";
    expect(redact(`1 ${encodeURIComponent(emoji)} 2 ${JSON.stringify(emoji).slice(1, -1)} 3`, [emoji])).toBe(
      "1 *** 2 *** 3",
    );
    expect(redact("k\\u00e9\\ud83d\\ude00y1", [emoji])).toBe("***");
  });

  it("ignores secrets shorter than 4 characters and undefined ones; the longer of two overlapping secrets wins", () => {
    expect(redact("abc abcd", ["abc", undefined])).toBe("abc abcd");
    expect(redact("token-abcd-xyz", ["abcd", "token-abcd-xyz"])).toBe("***");
  });
});
