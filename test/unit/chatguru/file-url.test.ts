import { describe, expect, it } from "vitest";
import { toWireFileUrl } from "../../../src/chatguru/file-url.js";

describe("toWireFileUrl: file_url as a valid URL", () => {
  it.each([
    ["https://cdn.example.com/docs/Boleto Março.pdf", "https://cdn.example.com/docs/Boleto%20Mar%C3%A7o.pdf"],
    // Already encoded: kept, never encoded twice.
    ["https://cdn.example.com/docs/Boleto%20Mar%C3%A7o.pdf", "https://cdn.example.com/docs/Boleto%20Mar%C3%A7o.pdf"],
    // Half encoded.
    ["https://cdn.example.com/Boleto%20Março final.pdf", "https://cdn.example.com/Boleto%20Mar%C3%A7o%20final.pdf"],
    // An encoded slash stays a character of the name.
    ["https://cdn.example.com/a%2Fb.pdf", "https://cdn.example.com/a%2Fb.pdf"],
    // A stray % and characters RFC 3986 does not allow as they are.
    ["https://cdn.example.com/100% pago [v2]|^.pdf", "https://cdn.example.com/100%25%20pago%20%5Bv2%5D%7C%5E.pdf"],
    [
      "https://cdn.example.com/b.pdf?nome=João Silva&sig=a%2Bb",
      "https://cdn.example.com/b.pdf?nome=Jo%C3%A3o%20Silva&sig=a%2Bb",
    ],
    ["  https://cdn.example.com/b.pdf  ", "https://cdn.example.com/b.pdf"],
    ["https://usuário.example/ç.pdf", "https://xn--usurio-rta.example/%C3%A7.pdf"],
    ["https://cdn.example.com:8443/x.pdf#página 2", "https://cdn.example.com:8443/x.pdf#p%C3%A1gina%202"],
  ])("%s → %s", (raw, wire) => {
    expect(toWireFileUrl(raw)).toBe(wire);
    // Idempotent: what goes on the wire is what it would become again.
    expect(toWireFileUrl(wire)).toBe(wire);
    expect(wire).toMatch(/^[\x21-\x7e]+$/);
  });

  it("a valid URL is unchanged", () => {
    const url = "https://s3.amazonaws.com/bucket/boleto-123.pdf?X-Amz-Signature=abc%3D&X-Amz-Date=20260101";
    expect(toWireFileUrl(url)).toBe(url);
  });
});
