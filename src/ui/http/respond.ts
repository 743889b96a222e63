import type { ServerResponse } from "node:http";
import { redact } from "../../errors.js";
import { toHttpError } from "./http-error.js";

/** What every JSON answer and event is filtered through: the secrets of the moment (API key, Google token). */
export type Secrets = () => ReadonlyArray<string | undefined>;

/** JSON text with every secret removed: a last line of defence should a library message ever echo one. */
export function safeJson(value: unknown, secrets: Secrets): string {
  return redact(JSON.stringify(value), secrets());
}

export function sendJson(res: ServerResponse, status: number, value: unknown, secrets: Secrets): void {
  const body = safeJson(value, secrets);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/** The error answer of docs/ui-api.md: `{ error: { code, message, detail?, fix?, problems? } }`. */
export function sendError(res: ServerResponse, error: unknown, secrets: Secrets): void {
  const http = toHttpError(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, http.status, { error: http.body }, secrets);
}

/** A small HTML page (the 401 and "pages not built" answers): escaped text, no script, no style. */
export function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html =
    `<!doctype html>\n<html lang="pt-BR"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><main><h1>${escape(title)}</h1><p>${escape(body)}</p></main></body></html>\n`;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Cache-Control": "no-store",
  });
  res.end(html);
}
