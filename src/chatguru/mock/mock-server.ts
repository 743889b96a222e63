import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { isUsageError } from "../../errors.js";
import { FaultInjector, gatewayErrorPage } from "./mock-faults.js";
import {
  mergeBehaviour,
  normalizeMockOptions,
  type MockBehaviour,
  type MockCredentials,
  type MockServerOptions,
} from "./mock-options.js";
import { fail, KNOWN_MOCK_ACTIONS, MockStore, type MockReply, type MockState } from "./mock-store.js";

export { MOCK_CREDENTIALS, DEFAULT_MOCK_FIELDS } from "./mock-options.js";
export type { MockBehaviour, MockCredentials, MockExistingChat, MockServerOptions } from "./mock-options.js";
export type { MockChatState, MockLogEntry, MockState } from "./mock-store.js";

/** A running fake ChatGuru (SPEC §7). */
export interface MockServer {
  /** `http://127.0.0.1:PORT/api/v1` */
  url: string;
  port: number;
  credentials: MockCredentials;
  state(): MockState;
  /** Changes behaviour and faults at runtime (same as POST /__mock/config). */
  configure(patch: Partial<MockBehaviour>): void;
  /** Clears chats and counters back to the options (same as POST /__mock/reset). */
  reset(): void;
  close(): Promise<void>;
}

const API_PATH = "/api/v1";
const MAX_BODY_BYTES = 1024 * 1024;
/** Long enough for a client's keep-alive pool to reuse sockets between requests. */
const KEEP_ALIVE_TIMEOUT_MS = 5000;

/**
 * Starts the mock on 127.0.0.1 (port 0 = a free port). Faithful to SPEC §2: form or query params, JSON bodies not
 * parsed, credential checks, async chat_add, 12-digit storage, custom fields, the dialog quirk; plus faults.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const normalized = normalizeMockOptions(options);
  let behaviour = normalized.behaviour;
  const credentials = normalized.credentials;
  const store = new MockStore(() => behaviour, normalized.existingChats);
  const faults = new FaultInjector(behaviour.seed);
  /** Sockets held open by a timeout fault, and pending latency timers: closed by close(). */
  const hanging = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const configure = (patch: Partial<MockBehaviour>): void => {
    const next = mergeBehaviour(behaviour, patch as Record<string, unknown>);
    if (next.seed !== behaviour.seed) faults.reseed(next.seed);
    behaviour = next;
  };
  const reset = (): void => {
    store.reset();
    faults.reseed(behaviour.seed);
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const arrival = Date.now();
    const body = await readBody(req);
    if (body === undefined) return sendJson(res, fail(413, "Requisição muito grande"));
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    // Only form bodies are read: ChatGuru answers a JSON body as if no key had been sent (SPEC §2).
    if (isFormBody(req)) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    const action = params.action ?? "";
    const chatNumber = params.chat_number;
    store.countRequest(action);
    const decision = faults.decide(behaviour, arrival);
    const log = (status: number, fault?: "rate-limit" | "fail" | "reset" | "timeout"): void =>
      store.record({
        at: arrival,
        action,
        ...(chatNumber !== undefined ? { chatNumber } : {}),
        status,
        ...(fault ? { fault } : {}),
      });

    if (behaviour.latencyMs > 0) await sleep(behaviour.latencyMs);
    if (res.destroyed) return;

    if (req.method !== "POST") {
      log(405);
      return sendJson(res, fail(405, "Método não permitido: use POST"));
    }
    if (decision.kind === "rate-limit") {
      log(429, "rate-limit");
      res.setHeader("Retry-After", "1");
      return sendJson(res, fail(429, "Muitas requisições. Tente novamente em instantes."));
    }
    if (decision.kind === "fail") {
      log(decision.status, "fail");
      res.writeHead(decision.status, { "Content-Type": "text/html" });
      res.end(gatewayErrorPage(decision.status));
      return;
    }
    const lost = decision.kind === "reset" || decision.kind === "timeout";
    if (lost && !decision.afterEffect) {
      log(0, decision.kind);
      return loseResponse(req, decision.kind);
    }
    const reply =
      authenticate(params, credentials) ??
      (KNOWN_MOCK_ACTIONS.has(action) ? store.handle(action, params) : fail(400, "Ação inválida"));
    if (lost) {
      log(0, decision.kind);
      return loseResponse(req, decision.kind);
    }
    log(reply.status);
    sendJson(res, reply);
  }

  function loseResponse(req: http.IncomingMessage, kind: "reset" | "timeout"): void {
    const socket = req.socket;
    if (kind === "timeout") {
      hanging.add(socket);
      socket.once("close", () => hanging.delete(socket));
      return;
    }
    // An RST, not a FIN: clients see ECONNRESET like on a real dropped connection.
    if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
    else socket.destroy();
  }

  async function handleMock(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    if (path === "/__mock/state" && req.method === "GET")
      return sendJson(res, { status: 200, body: store.state() as unknown as Record<string, unknown> });
    if (path === "/__mock/reset" && req.method === "POST") {
      await readBody(req);
      reset();
      return sendJson(res, { status: 200, body: { ok: true } });
    }
    if (path === "/__mock/config" && req.method === "POST") {
      const text = await readBody(req);
      let patch: unknown;
      try {
        patch = JSON.parse(text ?? "");
      } catch {
        return sendJson(res, { status: 400, body: { ok: false, error: "Expected a JSON object body." } });
      }
      if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
        return sendJson(res, { status: 400, body: { ok: false, error: "Expected a JSON object body." } });
      }
      try {
        configure(patch as Partial<MockBehaviour>);
      } catch (error) {
        if (!isUsageError(error)) throw error;
        return sendJson(res, { status: 400, body: { ok: false, error: error.message } });
      }
      return sendJson(res, { status: 200, body: { ok: true, config: behaviour } });
    }
    return sendJson(res, { status: 404, body: { ok: false, error: `Unknown mock endpoint ${req.method} ${path}` } });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const work = path.startsWith("/__mock/")
      ? handleMock(req, res, path)
      : path === API_PATH
        ? handleApi(req, res, url)
        : Promise.resolve(sendJson(res, fail(404, `Endpoint não encontrado: ${path}; use ${API_PATH}`)));
    work.catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed)
        sendJson(res, fail(500, `mock internal error: ${(error as Error).message}`));
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(normalized.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}${API_PATH}`,
    port,
    credentials: { ...credentials },
    state: () => store.state(),
    configure,
    reset,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of hanging) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Credential checks in ChatGuru's order and wording (SPEC §2). */
function authenticate(params: Record<string, string>, credentials: MockCredentials): MockReply | undefined {
  if (!params.key || !params.account_id) return fail(400, "key ou account_id não informado(s)");
  if (params.key !== credentials.key) return fail(400, "key inválida");
  if (params.account_id !== credentials.accountId) return fail(400, "account_id inválida");
  if (params.phone_id !== credentials.phoneId) return fail(400, "phone_id inválido");
  return undefined;
}

function isFormBody(req: http.IncomingMessage): boolean {
  return (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

/** The body as UTF-8 text, or undefined when larger than MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: http.ServerResponse, reply: MockReply): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
