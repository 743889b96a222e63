/**
 * A regular expression that finds a secret in any encoding a server may echo it back in. A key such as `AbC+/x=&y`
 * comes back from real servers and proxies as:
 * - raw, or URL/form-encoded (`%2B`, `%2b`, `%252B` double-encoded, `+` for a space);
 * - form-DECODED the wrong way (a `+` read as a space);
 * - JSON-escaped (`\/`, `\u002B`, with extra backslashes when a JSON text is itself quoted in JSON);
 * - HTML-escaped (`&amp;`, `&#43;`, `&#x2B;`, `&plus;`).
 * Each character of the secret may independently take any of these forms, so the pattern is built per character.
 */

/** Named HTML entities a server may use for the characters API keys are made of. */
const NAMED_ENTITIES: Readonly<Record<string, readonly string[]>> = {
  "&": ["amp"],
  "<": ["lt"],
  ">": ["gt"],
  '"': ["quot"],
  "'": ["apos"],
  "+": ["plus"],
  "/": ["sol"],
  "=": ["equals"],
  "#": ["num"],
  "%": ["percnt"],
  "!": ["excl"],
  $: ["dollar"],
  "?": ["quest"],
  ":": ["colon"],
  ".": ["period"],
  "*": ["ast", "midast"],
  _: ["lowbar", "UnderBar"],
  "-": ["hyphen", "dash"],
  "~": ["tilde"],
};

export function secretPattern(secret: string): RegExp {
  const parts = Array.from(secret, (char) => `(?:${alternativesFor(char).join("|")})`);
  return new RegExp(parts.join(""), "g");
}

function alternativesFor(char: string): string[] {
  const code = char.codePointAt(0)!;
  const alternatives = [escapeRegExp(char)];
  if (char === "\\") alternatives.push("\\\\{2,4}");
  if (char === "/" || char === '"') alternatives.push(`\\\\{1,3}${escapeRegExp(char)}`);
  if (char === " ") alternatives.push("\\+");
  if (char === "+") alternatives.push(" ");
  // URL / form encoding of each UTF-8 byte, any hex case, possibly encoded twice (%25 = "%").
  const bytes = Array.from(new TextEncoder().encode(char), (b) => `%(?:25)?${hexClass(b, 2)}`);
  alternatives.push(bytes.join(""));
  // JSON \u escapes (a surrogate pair for characters outside the BMP).
  const units = Array.from({ length: char.length }, (_, i) => `\\\\{1,3}u${hexClass(char.charCodeAt(i), 4)}`);
  alternatives.push(units.join(""));
  // HTML numeric entities, decimal or hex, with any leading zeros.
  alternatives.push(`&#0*${code};`, `&#[xX]0*${hexClass(code, 1)};`);
  for (const name of NAMED_ENTITIES[char] ?? []) alternatives.push(`&${name};`);
  return alternatives;
}

/** `0x2b` → `2[bB]`, padded to `width` digits. */
function hexClass(value: number, width: number): string {
  return value
    .toString(16)
    .padStart(width, "0")
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
