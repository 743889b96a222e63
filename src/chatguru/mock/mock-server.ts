import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi } from "./mock-api.js";
import { handleControl } from "./mock-control.js";
import { sendJson } from "./mock-http.js";
import {
  normalizeMockOptions,
  type MockBehaviour,
  type MockCredentials,
  type MockServerOptions,
} from "./mock-options.js";
import { fail } from "./mock-reply.js";
import { MockRuntime } from "./mock-runtime.js";
import type { MockState } from "./mock-state.js";

export { MOCK_CREDENTIALS, DEFAULT_MOCK_FIELDS } from "./mock-options.js";
export type { MockBehaviour, MockCredentials, MockExistingChat, MockServerOptions } from "./mock-options.js";
export type { MockChatState, MockLogEntry, MockState } from "./mock-state.js";

/** A running fake ChatGuru. */
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
/** Long enough for a client's keep-alive pool to reuse sockets between requests. */
const KEEP_ALIVE_TIMEOUT_MS = 5000;

/**
 * Starts the mock on 127.0.0.1 (port 0 = a free port). Faithful to ChatGuru as integrators see it: form or query params, JSON bodies not
 * parsed, credential checks, async chat_add, 12-digit storage, custom fields, the dialog quirk; plus faults.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const normalized = normalizeMockOptions(options);
  const runtime = new MockRuntime(normalized.behaviour, normalized.credentials, normalized.existingChats);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const work = path.startsWith("/__mock/")
      ? handleControl(runtime, req, res, path)
      : path === API_PATH
        ? handleApi(runtime, req, res, url)
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
    credentials: { ...normalized.credentials },
    state: () => runtime.store.state(),
    configure: (patch) => runtime.configure(patch),
    reset: () => runtime.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        runtime.dispose();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
