import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMockServer, type MockServer, type MockServerOptions } from "../../src/chatguru/mock/mock-server.js";
import type { ChatGuruConnection } from "../../src/chatguru/types.js";
import { unguardFormula } from "../../src/core/formula-guard.js";

export interface SyncEnv {
  dir: string;
  mock: MockServer;
  connection: ChatGuruConnection;
  /** CHATGURU_* variables for the CLI. */
  env: Record<string, string>;
  csv(name: string, text: string): string;
  mapping(name: string, value: unknown): string;
  read(path: string): string;
  /**
   * Parses a results CSV written by the sink (UTF-8 BOM, CRLF) into header→value records, each cell as the tool reads
   * it back: without the quote a formula-like cell is written with (core/formula-guard.ts).
   */
  results(path: string): Array<Record<string, string>>;
  close(): Promise<void>;
}

export async function createSyncEnv(mockOptions: MockServerOptions = {}): Promise<SyncEnv> {
  const dir = mkdtempSync(join(tmpdir(), "cgs-"));
  const mock = await startMockServer(mockOptions);
  const connection: ChatGuruConnection = { apiUrl: mock.url, ...mock.credentials, timeoutMs: 2_000 };
  return {
    dir,
    mock,
    connection,
    env: {
      CHATGURU_API_URL: mock.url,
      CHATGURU_API_KEY: mock.credentials.key,
      CHATGURU_ACCOUNT_ID: mock.credentials.accountId,
      CHATGURU_PHONE_ID: mock.credentials.phoneId,
      // The machine-wide account lock of this test's runs, inside its own folder (not the developer's home).
      CHATGURU_SYNC_LOCK_DIR: join(dir, "locks"),
    },
    csv(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    mapping(name, value) {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(value, null, 2));
      return path;
    },
    read: (path) => readFileSync(path, "utf8"),
    results(path) {
      const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
      const [header, ...lines] = text.split("\r\n").filter((l) => l !== "");
      const cols = splitCsvLine(header!);
      return lines.map((line) => Object.fromEntries(splitCsvLine(line).map((v, i) => [cols[i]!, unguardFormula(v)])));
    },
    close: () => mock.close(),
  };
}

/** Enough CSV for the results files of these tests: `,` or `;`, quoted cells without embedded newlines. */
function splitCsvLine(line: string): string[] {
  const delimiter = line.includes(";") && !line.includes(",") ? ";" : ",";
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** Poll schedule and probe window small enough for tests. */
export const FAST = {
  pollSchedule: { firstMs: 30, factor: 1.5, maxMs: 200 },
  uncertainProbeMs: 300,
  retryPolicy: { baseDelayMs: 20, maxDelayMs: 200, rateLimitFallbackMs: 100 },
  rate: Infinity,
  concurrency: 4,
} as const;
