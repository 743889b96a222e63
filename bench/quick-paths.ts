import http from "node:http";
import type { AddressInfo } from "node:net";
import { createChatGuruClient } from "../src/chatguru/client.js";
import { ChatGuruTimeoutError } from "../src/chatguru/errors.js";
import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { closest } from "../src/mapping/load-mapping.js";
import { normalizePhone } from "../src/mapping/phone.js";
import type { Bench } from "./lib.js";

/**
 * Paths that must stay quick whatever the input, timed here rather than asserted in the suite (a loaded CI machine
 * runs anything slowly; the tests check what these paths return). Each figure is printed beside its bar.
 */
interface Bound {
  what: string;
  ms: number;
  maxMs: number;
}

async function timed(what: string, maxMs: number, work: () => unknown): Promise<Bound> {
  const started = performance.now();
  await work();
  return { what, ms: performance.now() - started, maxMs };
}

/** 100 000 clean numbers: at ~10 µs each a million-row file would already spend 10 s on phones alone. */
function phones(): void {
  for (let i = 0; i < 100_000; i++) normalizePhone(`(11) 9${String(i % 10_000).padStart(4, "0")}-4321`);
}

/** did-you-mean beside a 50 MB header cell: skipped, never a 50M-cell distance table. */
function hugeHeader(): void {
  if (closest("Telefon", ["x".repeat(50 * 1024 * 1024), "Telefone"]) !== "Telefone") throw new Error("no Telefone");
}

/** The mock's close() with a socket its timeout fault holds open: cut at once. */
async function mockCloseWithHeldSocket(): Promise<() => Promise<number>> {
  const mock = await startMockServer({ existingChats: ["5511987654321"], timeoutRate: 1 });
  const client = createChatGuruClient({ apiUrl: mock.url, ...mock.credentials, timeoutMs: 100 });
  await client.call("note_add", { chat_number: "5511987654321", note_text: "x" }).catch(() => undefined);
  client.close();
  return async () => {
    const started = performance.now();
    await mock.close();
    return performance.now() - started;
  };
}

/** A server that never answers, and a client told to give up after 150 ms. */
async function clientTimeout(): Promise<number> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = createChatGuruClient({
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    key: "k".repeat(20),
    accountId: "acc-1",
    phoneId: "phone-1",
    timeoutMs: 150,
  });
  const started = performance.now();
  const error = await client.call("chat_add", { chat_number: "1" }).catch((e: unknown) => e);
  const ms = performance.now() - started;
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  if (!(error instanceof ChatGuruTimeoutError)) throw new Error(`expected a timeout, got ${String(error)}`);
  return ms;
}

export const quickPaths: Bench = {
  name: "quick-paths",
  title: "phones, a 50 MB header, the mock's close() and a 150 ms client timeout stay within their bars",
  async run() {
    const closeMock = await mockCloseWithHeldSocket();
    const bounds: Bound[] = [
      await timed("100k phones", 1000, phones),
      await timed("50 MB header", 5000, hugeHeader),
      { what: "mock close", ms: await closeMock(), maxMs: 1000 },
      { what: "150 ms timeout", ms: await clientTimeout(), maxMs: 2000 },
    ];
    return {
      name: this.name,
      setup: "one pass each",
      measured: bounds.map((b) => `${b.what} ${Math.round(b.ms)} ms`).join(", "),
      ideal: bounds.map((b) => `< ${b.maxMs}`).join(", "),
      pass: bounds.every((b) => b.ms < b.maxMs),
    };
  },
};
