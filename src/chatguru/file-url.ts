/**
 * `file_url` as a valid URL on the wire. People paste links as they see them (`…/Boleto Março.pdf`); ChatGuru
 * downloads the file from that URL, and a raw space or `ç` is not a valid URL (RFC 3986), so a server or CDN in the
 * way may cut it at the space or refuse it. Spaces and non-ASCII characters are percent-encoded as UTF-8; parts that
 * are already encoded (`%20`, `%C3%A7`) are kept as they are, never encoded twice.
 */

/** Characters RFC 3986 allows as they are in a path, query or fragment (`%` only as the start of an escape). */
const ALLOWED = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;
const ESCAPE = /^%[0-9A-Fa-f]{2}/;

/** The URL with everything RFC 3986 does not allow percent-encoded; throws a TypeError when it is not a URL. */
export function toWireFileUrl(raw: string): string {
  // The WHATWG parser already encodes spaces, quotes and non-ASCII in the path and query, and punycodes the host.
  const url = new URL(raw.trim());
  const userinfo = url.username === "" ? "" : `${url.username}${url.password === "" ? "" : `:${url.password}`}@`;
  const fragment = url.hash === "" ? "" : `#${encodePart(url.hash.slice(1))}`;
  return `${url.protocol}//${userinfo}${url.host}${encodePart(url.pathname)}${encodePart(url.search)}${fragment}`;
}

/** What the parser left that RFC 3986 does not allow (`|`, `^`, `[`, a `%` that starts no escape…), encoded. */
function encodePart(part: string): string {
  let out = "";
  for (let i = 0; i < part.length; i++) {
    const ch = part[i]!;
    if (ch === "%") out += ESCAPE.test(part.slice(i, i + 3)) ? "%" : "%25";
    else out += ALLOWED.test(ch) ? ch : encodeURIComponent(ch);
  }
  return out;
}
