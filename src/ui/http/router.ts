import type { IncomingMessage, ServerResponse } from "node:http";

/** What a handler gets: the request, the answer, the parsed URL and the path's named parts. */
export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (call: Call) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** A named path part: the server's own ids and fixed words only, so nothing like `..` or `/` ever reaches a handler. */
const PARAM = "([a-z0-9][a-z0-9-]{0,79})";

/** The few routes of the API, matched by method and path (`/api/runs/:id/stop`). */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path
      .split("/")
      .map((part) => {
        if (!part.startsWith(":")) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(part.slice(1));
        return PARAM;
      })
      .join("/");
    this.#routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** The handler and its params; `"method"` when the path exists under another method (405). */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | "method" | undefined {
    let pathMatched = false;
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = found[i + 1]!));
      return { handler: route.handler, params };
    }
    return pathMatched ? "method" : undefined;
  }
}
