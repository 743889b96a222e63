import http from "node:http";
import type { AddressInfo } from "node:net";

/** One answer of the scripted server: HTTP status, a JSON body (or raw text) and extra headers. */
export interface ScriptedAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ScriptedRequest {
  action: string;
  params: URLSearchParams;
  /** 0-based index of this request among all requests received. */
  index: number;
}

export interface ScriptedServer {
  url: string;
  /** Every request received, in order. */
  requests: ScriptedRequest[];
  close(): Promise<void>;
}

/**
 * A test-local ChatGuru stand-in on 127.0.0.1 whose every answer comes from `answer` (the embedded mock cannot play
 * a hostile or non-conforming server). Reads the form body like ChatGuru; a string body is sent as-is.
 */
export async function startScriptedServer(
  answer: (request: ScriptedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>,
): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (body += d));
    req.on("end", () => {
      const params = new URLSearchParams(body);
      const request = { action: params.get("action") ?? "", params, index: requests.length };
      requests.push(request);
      void Promise.resolve(answer(request)).then((a) => {
        const text = typeof a.body === "string" ? a.body : JSON.stringify(a.body);
        res.writeHead(a.status, { "Content-Type": "application/json", ...a.headers });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A ChatGuru-shaped success envelope. */
export const success = (fields: Record<string, unknown> = {}, code = 200): ScriptedAnswer => ({
  status: code,
  body: { code, result: "success", ...fields },
});

/** A ChatGuru-shaped error envelope (HTTP 400 with a Portuguese description, as the API answers). */
export const failure = (description: string, status = 400): ScriptedAnswer => ({
  status,
  body: { code: status, result: "error", description },
});
