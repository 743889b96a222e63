import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The locks on the door of a server any local page could call: a token only the terminal showed, exchanged for a
 * cookie the browser sends to this origin alone, a Host check against DNS rebinding, and an Origin / Sec-Fetch-Site
 * check against other sites and other local ports (same-site for cookies, but a different origin). docs/ui-api.md
 * "Security" is the contract.
 */
export class Guard {
  /** In the first URL only; exchanged for the session cookie. */
  readonly token = randomBytes(24).toString("base64url");
  readonly #session = randomBytes(32).toString("base64url");
  readonly #port: number;

  constructor(port: number) {
    this.#port = port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** One cookie name per port: two servers on 127.0.0.1 share a cookie jar (cookies ignore ports). */
  get cookieName(): string {
    return `cgs_${this.#port}`;
  }

  /** `Host` must be this server's own address: a rebound DNS name pointing at 127.0.0.1 carries its own name. */
  hostAllowed(req: IncomingMessage): boolean {
    return req.headers.host === `127.0.0.1:${this.#port}`;
  }

  /**
   * A request from another origin is refused whatever its method: its Origin (sent by browsers on every cross-origin
   * request and every non-GET) or its Sec-Fetch-Site says so. Requests without either (curl, tests) carry no
   * browser's ambient cookie, so the session check covers them.
   */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== this.origin) return false;
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  }

  tokenMatches(candidate: string | null): boolean {
    return candidate !== null && same(candidate, this.token);
  }

  hasSession(req: IncomingMessage): boolean {
    const value = cookieValue(req.headers.cookie, this.cookieName);
    return value !== undefined && same(value, this.#session);
  }

  /** `HttpOnly` keeps it from scripts; `SameSite=Strict` from requests other sites start. */
  sessionCookie(): string {
    return `${this.cookieName}=${this.#session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Headers every answer carries; the CSP comes from the pages' index (its import map's hash). */
export function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
}
