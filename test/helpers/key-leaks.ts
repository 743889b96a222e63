/**
 * Every piece of `key` a text must not hold: any run of 12 characters of the key, or of its base64 / base64url
 * encodings at each of the three byte alignments (what a server echoing part of the key, or a Basic header, shows).
 * Returns the pieces found, so a failing assertion says what leaked.
 */
export function keyLeaks(text: string, key: string): string[] {
  const bytes = Buffer.from(key, "utf8");
  const forms = [key];
  for (const offset of [0, 1, 2]) {
    const b64 = bytes.subarray(offset).toString("base64").replace(/=+$/, "");
    forms.push(b64, b64.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  const found = new Set<string>();
  for (const form of forms) {
    for (let i = 0; i + 12 <= form.length; i++) {
      const piece = form.slice(i, i + 12);
      if (text.includes(piece)) found.add(piece);
    }
  }
  return [...found];
}
