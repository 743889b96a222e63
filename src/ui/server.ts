import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { SyncOptions } from "../sync.js";
import { connectionRoutes } from "./api/connection-routes.js";
import { runRoutes } from "./api/run-routes.js";
import type { UiServices } from "./api/services.js";
import { mappingRoutes } from "./api/mapping-routes.js";
import { sourceRoutes } from "./api/source-routes.js";
import { AppFolder } from "./app-folder.js";
import type { EnvReader } from "./connection/connection.js";
import { HttpError } from "./http/http-error.js";
import { packageRoot, packageVersion } from "./http/package-root.js";
import { PageFiles } from "./http/page-files.js";
import { sendError, sendHtml, type Secrets } from "./http/respond.js";
import { Router } from "./http/router.js";
import { Guard, setSecurityHeaders } from "./http/security.js";
import { RunManager } from "./runs/run-manager.js";
import { SourceService } from "./sources/source-service.js";
import { ui, UI_LANGUAGE } from "./ui-language.js";

/** 200 MB: a million-row CSV export is about 60 MB; anything bigger is better read from a Google Sheet. */
export const DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024;

export interface UiServerOptions {
  /** The app folder: `.env`, mappings, uploads, runs (the working directory of `chatguru-sync ui`). */
  root: string;
  /** 0 = any free port. @default 0 */
  port?: number;
  /** The environment, and with `.env`: the connection settings and Google credentials are read here only. */
  env: EnvReader;
  /** Every run's request rate and concurrency (sync's defaults). @default 5 and 4 */
  rate?: number;
  concurrency?: number;
  /** @default 200 MB */
  uploadLimitBytes?: number;
  /** Other sync() options for every run and plan (tests give a short poll schedule). @default none */
  runOptions?: Partial<SyncOptions>;
  /** Throttle of live events. @default 250 ms */
  minEventIntervalMs?: number;
  /** The built pages. @default `<package>/dist/web` */
  webDir?: string;
}

export interface UiServer {
  /** `http://127.0.0.1:PORT/?t=TOKEN`: the one address that lets a browser in. */
  url: string;
  origin: string;
  port: number;
  runs: RunManager;
  /** Stops every run gracefully (as Ctrl-C in the CLI), then closes every connection. */
  close(): Promise<void>;
}

/**
 * The local web app's server: node:http, a small router, the pages' static files and the JSON API of docs/ui-api.md.
 * Listens on 127.0.0.1 only; every request passes the Guard (Host, Origin, session cookie) first.
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const folder = new AppFolder(resolve(options.root));
  const secrets: Secrets = () => {
    const env = options.env.merged();
    return [env.CHATGURU_API_KEY, env.GOOGLE_ACCESS_TOKEN];
  };
  const sources = new SourceService(folder, options.env);
  const defaults = { rate: options.rate ?? 5, concurrency: options.concurrency ?? 4 };
  // The results, errors and plan files a person downloads from the app are in the app's language, as its pages are.
  const runOptions: Partial<SyncOptions> = { language: UI_LANGUAGE, ...options.runOptions };
  const runs = new RunManager({
    folder,
    sources,
    env: options.env,
    secrets,
    defaults,
    runOptions,
    ...(options.minEventIntervalMs !== undefined ? { minEventIntervalMs: options.minEventIntervalMs } : {}),
  });
  await runs.recover();
  const services: UiServices = {
    folder,
    env: options.env,
    secrets,
    sources,
    runs,
    uploadLimitBytes: options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT,
    defaults,
    runOptions,
    version: packageVersion(),
  };
  const router = new Router();
  connectionRoutes(router, services);
  sourceRoutes(router, services);
  mappingRoutes(router, services);
  runRoutes(router, services);
  const pages = new PageFiles(options.webDir ?? join(packageRoot(), "dist", "web"));

  // The guard knows the port, known once listening; no request is answered before that.
  const parts: { guard?: Guard } = {};
  const server = http.createServer((req, res) => {
    handle(req, res, { guard: parts.guard!, router, pages }).catch((error: unknown) => sendError(res, error, secrets));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const guard = new Guard(port);
  parts.guard = guard;
  return {
    url: `${guard.origin}/?t=${guard.token}`,
    origin: guard.origin,
    port,
    runs,
    close: async () => {
      await runs.closeAll();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

interface Parts {
  guard: Guard;
  router: Router;
  pages: PageFiles;
}

async function handle(req: IncomingMessage, res: ServerResponse, { guard, router, pages }: Parts) {
  setSecurityHeaders(res, pages.csp());
  if (!guard.hostAllowed(req))
    throw new HttpError(421, { code: "UI_WRONG_HOST", message: ui.t("ui.server.wrongHost") });
  if (!guard.originAllowed(req))
    throw new HttpError(403, { code: "UI_FOREIGN_ORIGIN", message: ui.t("ui.server.foreignOrigin") });
  const url = new URL(req.url ?? "/", guard.origin);
  const method = req.method ?? "GET";
  const api = url.pathname === "/api" || url.pathname.startsWith("/api/");
  const token = url.searchParams.get("t");
  if (!api && method === "GET" && token !== null) return exchangeToken(res, url, guard);
  if (!guard.hasSession(req)) {
    if (api) throw new HttpError(401, { code: "UI_UNAUTHORIZED", message: ui.t("ui.server.unauthorized") });
    return sendHtml(res, 401, ui.t("ui.server.unauthorizedTitle"), ui.t("ui.server.unauthorizedBody"));
  }
  if (api) return routeApi(req, res, url, router);
  if (method !== "GET" && method !== "HEAD")
    throw new HttpError(405, { code: "UI_METHOD", message: ui.t("ui.server.methodNotAllowed") });
  if (url.pathname.startsWith("/assets/")) return pages.serveAsset(res, url.pathname.slice("/assets".length));
  if (url.pathname.split("/").pop()!.includes("."))
    return sendHtml(res, 404, ui.t("ui.server.notFound"), ui.t("ui.server.notFound"));
  return pages.serveIndex(res);
}

/** `?t=TOKEN` → the session cookie, and the same page without the token (kept out of history and bookmarks). */
function exchangeToken(res: ServerResponse, url: URL, guard: Guard): void {
  if (!guard.tokenMatches(url.searchParams.get("t"))) {
    sendHtml(res, 401, ui.t("ui.server.unauthorizedTitle"), ui.t("ui.server.unauthorizedBody"));
    return;
  }
  url.searchParams.delete("t");
  res.writeHead(303, { Location: `${url.pathname}${url.search}`, "Set-Cookie": guard.sessionCookie() });
  res.end();
}

async function routeApi(req: IncomingMessage, res: ServerResponse, url: URL, router: Router): Promise<void> {
  const found = router.match(req.method ?? "GET", url.pathname);
  if (found === undefined) throw new HttpError(404, { code: "UI_NOT_FOUND", message: ui.t("ui.server.notFound") });
  if (found === "method") throw new HttpError(405, { code: "UI_METHOD", message: ui.t("ui.server.methodNotAllowed") });
  await found.handler({ req, res, url, params: found.params });
}
