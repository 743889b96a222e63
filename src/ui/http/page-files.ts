import { createHash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { ui } from "../ui-language.js";
import { sendHtml } from "./respond.js";

const TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".html": "text/html; charset=utf-8",
};

const IMPORT_MAP = /<script type="importmap">([\s\S]*?)<\/script>/;
const cspWith = (scriptSrc: string): string =>
  `default-src 'self'; script-src ${scriptSrc}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/**
 * The pages, built into one folder (`dist/web`): assets by path, `index.html` for every page route. The CSP allows
 * the index's one inline import map by its hash (browsers load import maps only inline) and nothing else inline.
 */
export class PageFiles {
  readonly #dir: string;
  #index: { mtimeMs: number; html: Buffer; csp: string } | undefined;

  constructor(dir: string) {
    this.#dir = resolve(dir);
  }

  /** The policy of every answer: re-read when index.html changes (a rebuild while the server runs). */
  csp(): string {
    return this.#readIndex()?.csp ?? cspWith("'self'");
  }

  /** `/assets/<path>`: a known file type inside the folder, else 404. */
  serveAsset(res: ServerResponse, encodedPath: string): void {
    const file = this.#resolve(encodedPath);
    const type = file ? TYPES[extname(file).toLowerCase()] : undefined;
    const size = file && type ? fileSize(file) : undefined;
    if (!file || !type || size === undefined) {
      sendHtml(res, 404, ui.t("ui.server.notFound"), ui.t("ui.server.notFound"));
      return;
    }
    res.writeHead(200, { "Content-Type": type, "Content-Length": size, "Cache-Control": "no-cache" });
    createReadStream(file).pipe(res);
  }

  /** Every page route answers the one index: the pages route by path, so a reload keeps its step. */
  serveIndex(res: ServerResponse): void {
    const index = this.#readIndex();
    if (!index) {
      sendHtml(res, 200, ui.t("ui.server.pagesNotBuiltTitle"), ui.t("ui.server.pagesNotBuiltBody"));
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": index.html.length,
      "Cache-Control": "no-store",
    });
    res.end(index.html);
  }

  /** A path inside the folder, or undefined for anything that tries to leave it or names no plain file. */
  #resolve(encodedPath: string): string | undefined {
    let path: string;
    try {
      path = decodeURIComponent(encodedPath);
    } catch {
      return undefined;
    }
    if (path.includes("\0") || path.includes("\\") || path.split("/").some((part) => part === ".." || part === "."))
      return undefined;
    const file = resolve(this.#dir, `.${path.startsWith("/") ? path : `/${path}`}`);
    return file.startsWith(this.#dir + sep) ? file : undefined;
  }

  #readIndex(): { html: Buffer; csp: string } | undefined {
    const file = join(this.#dir, "index.html");
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      this.#index = undefined;
      return undefined;
    }
    if (this.#index?.mtimeMs === mtimeMs) return this.#index;
    const html = readFileSync(file);
    const map = IMPORT_MAP.exec(html.toString("utf8"));
    const hash = map ? ` 'sha256-${createHash("sha256").update(map[1]!, "utf8").digest("base64")}'` : "";
    this.#index = { mtimeMs, html, csp: cspWith(`'self'${hash}`) };
    return this.#index;
  }
}

function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}
