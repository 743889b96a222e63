import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/chatguru/mock/mock-faults.js";
import { MOCK_CREDENTIALS, type MockServer, type MockState } from "../src/chatguru/mock/mock-server.js";
import type { ChatGuruConnection } from "../src/chatguru/types.js";
import type { SyncReport } from "../src/engine/shared/sync-report.js";
import { sync, type SyncOptions } from "../src/sync.js";

/** What one benchmark hands back to the runner: its one printed line and the figures for the summary table. */
export interface BenchResult {
  name: string;
  /** Parameters, e.g. `C=8 L=50ms`. */
  setup: string;
  /** Measured figure with its unit, e.g. `151.2 req/s`. */
  measured: string;
  /** The ideal and the bar, e.g. `160.0 req/s (≥ 90%: 144.0)`. */
  ideal: string;
  pass: boolean;
  /** Extra facts printed after the verdict (request counts, secondary figures). */
  notes?: string[];
}

export interface Bench {
  name: string;
  /** What quality bar it measures (shown by `npm run bench -- --list`). */
  title: string;
  run(dir: string): Promise<BenchResult>;
}

/** A fresh folder in the OS temp dir for one benchmark's CSV, mapping, state and results files. */
export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `cgs-bench-${name}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The ChatGuru connection settings that point at an in-process mock. */
export function connectionFor(mock: MockServer): ChatGuruConnection {
  return { apiUrl: mock.url, ...mock.credentials, timeoutMs: 30_000 };
}

/** Deterministic data, so two runs of the bench read the same file (the mock's own PRNG). */
export const prng = mulberry32;

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * The canonical 13-digit form of a distinct Brazilian mobile for every `i` (< 9 000 000): 55 + DDD + 9 + 8 digits.
 * The last digit is never 0, so the mock never refuses it (it refuses numbers ending in "0000").
 */
export function mobile(i: number, ddd = "11"): string {
  return `55${ddd}9${String(1_000_000 + i).padStart(7, "0")}1`;
}

/** The same number the way people type it in spreadsheets. */
export function typed(canonical: string, style: number): string {
  const ddd = canonical.slice(2, 4);
  const local = canonical.slice(4); // 9 digits
  const head = local.slice(0, 5);
  const tail = local.slice(5);
  switch (style % 6) {
    case 0:
      return `+55 (${ddd}) ${head}-${tail}`;
    case 1:
      return `${ddd}${local}`;
    case 2:
      return `0${ddd} ${head} ${tail}`;
    case 3:
      return canonical;
    case 4:
      return `(${ddd}) ${head}-${tail}`;
    default:
      return `55 ${ddd} ${head}-${tail}`;
  }
}

/** Streams CSV lines to `path` in ~1 MB writes, honouring backpressure; returns the bytes written. */
export async function writeLines(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let buffer = "";
  let bytes = 0;
  for (const line of lines) {
    buffer += line + "\n";
    if (buffer.length >= 1 << 20) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, "finish");
  return bytes;
}

/** `Telefone,Nome,Etapa` rows for `count` distinct numbers (typed in varied formats); returns the canonical numbers. */
export async function writeContactsCsv(
  path: string,
  count: number,
  options: { ddd?: string; offset?: number } = {},
): Promise<string[]> {
  const numbers = Array.from({ length: count }, (_, i) => mobile(i + (options.offset ?? 0), options.ddd));
  const stages = ["novo", "qualificado", "proposta", "cliente"];
  await writeLines(path, [
    "Telefone,Nome,Etapa",
    ...numbers.map((n, i) => `${typed(n, i)},Contato ${i + 1},${stages[i % stages.length]}`),
  ]);
  return numbers;
}

/** `count` contacts whose chats exist, and a mapping that updates their `Etapa` field: the shape most benches use. */
export async function updateFixture(
  dir: string,
  count: number,
): Promise<{ source: string; numbers: string[]; mapping: string }> {
  const source = join(dir, "contacts.csv");
  const numbers = await writeContactsCsv(source, count);
  const mapping = writeJson(join(dir, "mapping.json"), {
    mode: "update",
    phone: { column: "Telefone" },
    name: "Nome",
    custom_fields: { Etapa: "Etapa" },
  });
  return { source, numbers, mapping };
}

export function writeJson(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

/** The most timestamps in any half-open window [t, t + windowMs), for timestamps in any order. */
export function busiestWindow(times: readonly number[], windowMs = 1000): { count: number; start: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, start: sorted[0] ?? 0 };
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    if (hi - lo + 1 > best.count) best = { count: hi - lo + 1, start: sorted[lo]! };
  }
  return best;
}

export function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function byActionText(byAction: Record<string, number>): string {
  return Object.entries(byAction)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, n]) => `${action}=${n}`)
    .join(" ");
}

/** Runs `fn` and returns its result with the elapsed wall time in ms. */
/** A timed sync with the benchmark's own state and results files in `dir`. */
export function timedSync(
  dir: string,
  options: Pick<SyncOptions, "source" | "mapping" | "connection" | "concurrency" | "rate">,
): Promise<{ value: SyncReport; ms: number }> {
  return timed(() =>
    sync({ ...options, state: join(dir, "state.ndjson"), results: join(dir, "results.csv"), cwd: dir }),
  );
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** Counts by key, e.g. mock log entries by action. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/**
 * The mock ChatGuru in its own process (the real `mock-server` command). For throughput figures: in-process, the
 * client and the mock share one event loop and the mock's own work shows up as client latency.
 */
export async function startChildMock(
  flags: string[],
): Promise<{ url: string; connection: ChatGuruConnection; state(): Promise<MockState>; close(): Promise<void> }> {
  const bin = fileURLToPath(new URL("../src/cli/bin.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), bin, "mock-server", "--port", "0", ...flags],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const match = /^listening on (\S+)/m.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`mock-server exited with ${code} before listening`)));
  });
  const root = url.replace(/\/api\/v1$/, "");
  return {
    url,
    connection: {
      apiUrl: url,
      key: MOCK_CREDENTIALS.key,
      accountId: MOCK_CREDENTIALS.accountId,
      phoneId: MOCK_CREDENTIALS.phoneId,
      timeoutMs: 30_000,
    },
    state: async () => (await (await fetch(`${root}/__mock/state`)).json()) as MockState,
    close: async () => {
      child.kill("SIGINT");
      await once(child, "exit");
    },
  };
}

/** Runs a TypeScript benchmark child (own process: its peak RSS is its own) and parses its last stdout line as JSON. */
export function runTsChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args[0] ?? ""} exited ${code}: ${err.trim()}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)!) as T);
      } catch {
        reject(new Error(`${script} ${args[0] ?? ""} printed no JSON: ${out}${err}`));
      }
    });
  });
}
