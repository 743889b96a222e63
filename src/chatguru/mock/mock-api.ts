import type http from "node:http";
import { gatewayErrorPage } from "./mock-faults.js";
import { isFormBody, readBody, sendJson } from "./mock-http.js";
import type { MockCredentials } from "./mock-options.js";
import { fail, type MockReply } from "./mock-reply.js";
import type { MockRuntime } from "./mock-runtime.js";
import type { MockLogEntry } from "./mock-state.js";
import { KNOWN_MOCK_ACTIONS } from "./mock-store.js";

type Fault = NonNullable<MockLogEntry["fault"]>;

/** One request to /api/v1: params, faults, credentials, then the store's action — in ChatGuru's order. */
export async function handleApi(
  runtime: MockRuntime,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<void> {
  const arrival = Date.now();
  const body = await readBody(req);
  if (body === undefined) return sendJson(res, fail(413, "Requisição muito grande"));
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  // Only form bodies are read: ChatGuru answers a JSON body as if no key had been sent.
  if (isFormBody(req)) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  const action = params.action ?? "";
  const chatNumber = params.chat_number;
  const { store, faults } = runtime;
  store.countRequest(action);
  const decision = faults.decide(runtime.behaviour, arrival);
  const log = (status: number, fault?: Fault): void =>
    store.record({
      at: arrival,
      action,
      ...(chatNumber !== undefined ? { chatNumber } : {}),
      status,
      ...(fault ? { fault } : {}),
    });

  if (runtime.behaviour.latencyMs > 0) await runtime.sleep(runtime.behaviour.latencyMs);
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
    return loseResponse(runtime, req, decision.kind);
  }
  const reply =
    authenticate(params, runtime.credentials) ??
    (KNOWN_MOCK_ACTIONS.has(action) ? store.handle(action, params) : fail(400, "Ação inválida"));
  if (lost) {
    log(0, decision.kind);
    return loseResponse(runtime, req, decision.kind);
  }
  // Only a request that was carried out (a 2xx) can be "applied, then failed".
  const late = reply.status < 300 ? faults.applyThenFail(runtime.behaviour, action) : undefined;
  if (late !== undefined) {
    log(late, "apply-then-fail");
    res.writeHead(late, { "Content-Type": "text/html" });
    res.end(gatewayErrorPage(late));
    return;
  }
  log(reply.status);
  sendJson(res, reply);
}

function loseResponse(runtime: MockRuntime, req: http.IncomingMessage, kind: "reset" | "timeout"): void {
  const socket = req.socket;
  if (kind === "timeout") return runtime.hang(socket);
  // An RST, not a FIN: clients see ECONNRESET like on a real dropped connection.
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

/** Credential checks in ChatGuru's order and wording. */
function authenticate(params: Record<string, string>, credentials: MockCredentials): MockReply | undefined {
  if (!params.key || !params.account_id) return fail(400, "key ou account_id não informado(s)");
  if (params.key !== credentials.key) return fail(400, "key inválida");
  if (params.account_id !== credentials.accountId) return fail(400, "account_id inválida");
  if (params.phone_id !== credentials.phoneId) return fail(400, "phone_id inválido");
  return undefined;
}
