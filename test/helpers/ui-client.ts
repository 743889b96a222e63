import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironment } from "../../src/cli/env.js";
import { startMockServer, type MockServer, type MockServerOptions } from "../../src/chatguru/mock/mock-server.js";
import { startUiServer, type UiServer, type UiServerOptions } from "../../src/ui/server.js";

/** A key no test fixture contains, so finding it anywhere in what the server sent is a leak. */
export const SECRET_KEY = "sk-UI-TEST-7d1f0c9a2b";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/**
 * A browser's view of the ui server: exchanges the token for the cookie once, then sends it with every call. Every
 * body it receives is kept in `seen`, so a test can check that no answer or event ever carried the key.
 */
export class UiClient {
  readonly seen: string[] = [];
  cookie = "";

  constructor(readonly origin: string) {}

  /** `GET /?t=TOKEN` → the session cookie (what a browser does on the first address). */
  async login(url: string): Promise<Response> {
    const response = await fetch(url, { redirect: "manual" });
    const setCookie = response.headers.get("set-cookie") ?? "";
    this.cookie = setCookie.split(";")[0] ?? "";
    await response.text();
    return response;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const raw = body instanceof Uint8Array || typeof body === "string";
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(body !== undefined && !raw ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: raw ? (body as string) : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    this.seen.push(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  get = (path: string) => this.call("GET", path);
  post = (path: string, body?: unknown) => this.call("POST", path, body ?? {});
  put = (path: string, body: unknown) => this.call("PUT", path, body);

  /** Uploads a file as the Arquivo page does: the raw bytes, its name in the query. */
  upload(name: string, content: string | Uint8Array): Promise<Answer> {
    return this.call("POST", `/api/sources?name=${encodeURIComponent(name)}`, content, {
      "content-type": "application/octet-stream",
    });
  }

  /**
   * Reads a run's event stream until a final state (or `until` says stop), returning every event. `lastEventId`
   * reconnects as EventSource does.
   */
  async events(
    runId: string,
    options: { lastEventId?: number; until?: (run: RunEvent) => boolean; timeoutMs?: number } = {},
  ): Promise<{ status: number; events: RunEvent[]; raw: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000);
    const response = await fetch(`${this.origin}/api/runs/${runId}/events`, {
      headers: {
        cookie: this.cookie,
        ...(options.lastEventId !== undefined ? { "last-event-id": String(options.lastEventId) } : {}),
      },
      signal: controller.signal,
    });
    const events: RunEvent[] = [];
    let raw = "";
    try {
      if (!response.body) return { status: response.status, events, raw };
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        raw += text;
        buffer += text;
        let end: number;
        let stop = false;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseFrame(frame);
          if (!event) continue;
          events.push(event);
          if (options.until?.(event) || FINAL.has(event.run.state)) stop = true;
        }
        if (stop) break;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
      this.seen.push(raw);
    }
    return { status: response.status, events, raw };
  }
}

const FINAL = new Set(["finished", "stopped", "interrupted", "failed"]);

export interface RunEvent {
  id: number;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run: any;
}

function parseFrame(frame: string): RunEvent | undefined {
  let id: number | undefined;
  let type = "message";
  let data = "";
  for (const line of frame.split("\n")) {
    if (line.startsWith("id: ")) id = Number(line.slice(4));
    else if (line.startsWith("event: ")) type = line.slice(7);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  if (id === undefined || data === "") return undefined;
  return { id, type, run: JSON.parse(data) };
}

export interface UiEnv {
  dir: string;
  mock: MockServer;
  server: UiServer;
  client: UiClient;
  /** Writes the connection to the app folder's .env, as the Conexão page would. */
  connect(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Poll schedule and retries short enough that a run with chat_adds takes well under a second. The window in which a
 * chat_add whose answer was lost (a kill mid-request) is looked for before a blank re-add stays seconds long: probing
 * stops as soon as the chat shows up, and a shorter window lets a slow machine re-add a chat that did arrive.
 */
export const FAST_RUNS = {
  pollSchedule: { firstMs: 30, factor: 1.5, maxMs: 200 },
  uncertainProbeMs: 1_500,
  retryPolicy: { baseDelayMs: 20, maxDelayMs: 200, rateLimitFallbackMs: 100 },
  graceMs: 2_000,
} as const;

/** A ui server in a temp app folder, an embedded mock ChatGuru with a secret key, and a logged-in client. */
export async function startUiEnv(
  mockOptions: MockServerOptions = {},
  serverOptions: Partial<UiServerOptions> = {},
): Promise<UiEnv> {
  const dir = mkdtempSync(join(tmpdir(), "cgs-ui-"));
  const mock = await startMockServer({ ...mockOptions, credentials: { key: SECRET_KEY } });
  const system: Record<string, string> = {};
  const server = await startUiServer({
    root: dir,
    env: { process: system, merged: () => loadEnvironment(dir, system) },
    rate: 0,
    concurrency: 4,
    runOptions: { ...FAST_RUNS },
    minEventIntervalMs: 50,
    ...serverOptions,
  });
  const client = new UiClient(server.origin);
  await client.login(server.url);
  return {
    dir,
    mock,
    server,
    client,
    async connect() {
      writeFileSync(
        join(dir, ".env"),
        [
          `CHATGURU_API_URL=${mock.url}`,
          `CHATGURU_API_KEY=${SECRET_KEY}`,
          `CHATGURU_ACCOUNT_ID=${mock.credentials.accountId}`,
          `CHATGURU_PHONE_ID=${mock.credentials.phoneId}`,
        ].join("\n"),
      );
    },
    async close() {
      await server.close();
      await mock.close();
    },
  };
}

/** `n` contact rows, `;`-separated as an Excel-BR export: Nome;Telefone;Email. */
export function leadsCsv(n: number, numberOf: (i: number) => string): string {
  const lines = ["Nome;Telefone;Email"];
  for (let i = 0; i < n; i++) lines.push(`Pessoa ${i};${numberOf(i)};p${i}@exemplo.com.br`);
  return `${lines.join("\n")}\n`;
}
