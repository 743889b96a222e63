import { spawn } from "node:child_process";
import { appendFile, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError, InternalError, RunAbortedError } from "../../../src/errors.js";
import { openNdjsonStateStore, type NdjsonStateStoreOptions } from "../../../src/state/ndjson-state-store.js";
import type { RowState, StateStore } from "../../../src/state/state-store.js";
import { exitCodeOf, withExitCode } from "../../helpers/exit-code.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const killWriter = fileURLToPath(new URL("../../helpers/kill-writer.ts", import.meta.url));

const ROW_STATE_FIELDS = new Set([
  "number",
  "phone",
  "chatAddId",
  "addStatus",
  "hash",
  "pendingHash",
  "noteHash",
  "dialogHash",
  "lastOutcome",
  "errorCode",
  "error",
  "rowNumber",
  "syncedAt",
]);

let dir: string;
let statePath: string;
const opened: StateStore[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-state-"));
  statePath = path.join(dir, "nested", ".chatguru-sync", "s.ndjson");
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) await store.close().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

async function openStore(options: NdjsonStateStoreOptions = {}, file = statePath): Promise<StateStore> {
  const store = await openNdjsonStateStore(file, options);
  opened.push(store);
  return store;
}

async function lines(file = statePath): Promise<string[]> {
  const text = await readFile(file, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text.slice(0, -1).split("\n");
}

function fixedClock(start = Date.parse("2026-03-01T12:00:00.000Z")): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

const HEADER = `{"v":1,"type":"header","createdAt":"2026-01-01T00:00:00.000Z"}\n`;

describe("openNdjsonStateStore: file format and replay", () => {
  it("creates the directory and a file holding only the header", async () => {
    const store = await openStore({ now: () => new Date("2026-01-01T00:00:00.000Z") });
    expect(store.size).toBe(0);
    expect(store.path).toBe(statePath);
    expect(await readFile(statePath, "utf8")).toBe(HEADER);
  });

  it("appends one small patch line per update, keyed by the row key under k", async () => {
    const store = await openStore({ now: fixedClock() });
    const r1 = await store.update("5511987654321", { addStatus: "intent", pendingHash: "p1", rowNumber: 2 });
    const r2 = await store.update("5511987654321", { addStatus: "done", chatAddId: "ca1" });
    expect(r2.updatedAt > r1.updatedAt).toBe(true);
    const [, first, second] = (await lines()).map((l) => JSON.parse(l));
    expect(first).toEqual({
      k: "5511987654321",
      addStatus: "intent",
      pendingHash: "p1",
      rowNumber: 2,
      t: r1.updatedAt,
    });
    expect(second).toEqual({ k: "5511987654321", addStatus: "done", chatAddId: "ca1", t: r2.updatedAt });
  });

  it("merges patches in memory and on replay; undefined leaves a field, null clears it", async () => {
    const store = await openStore({ now: fixedClock() });
    await store.update("a", { number: "5511987654321", error: "boom", errorCode: "X", rowNumber: 2 });
    const b = await store.update("b", { hash: "hb" });
    const merged = await store.update("a", { error: null, errorCode: undefined, lastOutcome: "created", rowNumber: 7 });
    const expected: RowState = {
      key: "a",
      number: "5511987654321",
      errorCode: "X",
      lastOutcome: "created",
      rowNumber: 7,
      updatedAt: merged.updatedAt,
    };
    expect(merged.updatedAt > b.updatedAt).toBe(true);
    expect(merged).toEqual(expected);
    expect(store.get("a")).toEqual(expected);
    expect(store.size).toBe(2);
    await store.close();

    const again = await openStore();
    expect(again.get("a")).toEqual(expected);
    expect(again.get("b")).toEqual({ key: "b", hash: "hb", updatedAt: b.updatedAt });
    expect([...again.entries()].map((r) => r.key).sort()).toEqual(["a", "b"]);
    expect(again.size).toBe(2);
  });

  it("is durable when update resolves: another reader sees it before close()", async () => {
    const store = await openStore();
    await store.update("k1", { chatAddId: "abc", addStatus: "pending" });
    const reader = await openStore({ lock: false });
    expect(reader.get("k1")).toMatchObject({ chatAddId: "abc", addStatus: "pending" });
  });

  it("returns frozen records so a caller cannot change state without update()", async () => {
    const store = await openStore();
    const record = await store.update("k", { hash: "h" });
    expect(() => {
      (record as { hash?: string }).hash = "other";
    }).toThrow(TypeError);
    expect(store.get("k")?.hash).toBe("h");
  });

  it("writes only row-state fields: an unknown field (e.g. a key smuggled in a spread) is rejected, not written", async () => {
    const store = await openStore();
    await store.update("k", { number: "5511987654321", hash: "h", lastOutcome: "updated", syncedAt: "x" });
    const smuggled = { hash: "h2", apiKey: "SECRET-KEY-123" } as unknown as Parameters<StateStore["update"]>[1];
    await expect(store.update("k", smuggled)).rejects.toBeInstanceOf(InternalError);
    await store.close();
    const text = await readFile(statePath, "utf8");
    expect(text).not.toContain("SECRET-KEY-123");
    for (const line of text.trim().split("\n").slice(1)) {
      for (const field of Object.keys(JSON.parse(line))) {
        if (field !== "k" && field !== "t") expect(ROW_STATE_FIELDS).toContain(field);
      }
    }
    expect((await openStore()).get("k")?.hash).toBe("h");
  });

  it("rejects an empty key and any update after close(); close() is idempotent", async () => {
    const store = await openStore();
    await expect(store.update("", { hash: "h" })).rejects.toBeInstanceOf(InternalError);
    await store.close();
    await store.close();
    await expect(store.update("k", { hash: "h" })).rejects.toBeInstanceOf(InternalError);
  });
});

describe("openNdjsonStateStore: damaged files", () => {
  const record = (k: string, extra: Record<string, unknown> = {}): string =>
    `${JSON.stringify({ k, ...extra, t: "2026-01-01T00:00:01.000Z" })}\n`;

  async function seed(content: string): Promise<void> {
    await mkdir(path.dirname(statePath), { recursive: true });
    await writeFile(statePath, content);
  }

  it("cuts away a torn last line, warns once, and repairs the file", async () => {
    const good = HEADER + record("a", { hash: "1" }) + record("b", { hash: "2" });
    await seed(`${good}{"k":"c","hash":"3","t":"2026-01`);
    const warnings: string[] = [];
    const store = await openStore({ onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      `state file ${statePath}: ignored an incomplete last line (the previous run was killed mid-write)`,
    ]);
    expect(store.get("a")?.hash).toBe("1");
    expect(store.get("b")?.hash).toBe("2");
    expect(store.get("c")).toBeUndefined();
    expect(await readFile(statePath, "utf8")).toBe(good);

    await store.update("c", { hash: "3" });
    await store.close();
    const warningsAfter: string[] = [];
    const again = await openStore({ onWarning: (m) => warningsAfter.push(m) });
    expect(warningsAfter).toEqual([]);
    expect(again.get("c")?.hash).toBe("3");
  });

  it("treats newline-terminated garbage on the last line (e.g. zero bytes after a crash) as torn", async () => {
    await seed(`${HEADER}${record("a", { hash: "1" })}\u0000\u0000\u0000\n`);
    const warnings: string[] = [];
    const store = await openStore({ onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(store.get("a")?.hash).toBe("1");
    expect(await readFile(statePath, "utf8")).toBe(HEADER + record("a", { hash: "1" }));
  });

  it("keeps a complete last record that only lacks its newline, and adds the newline", async () => {
    const complete = record("a", { hash: "1" });
    await seed(HEADER + complete.slice(0, -1));
    const warnings: string[] = [];
    const store = await openStore({ onWarning: (m) => warnings.push(m) });
    expect(store.get("a")?.hash).toBe("1");
    await store.update("b", { hash: "2" });
    await store.close();
    expect(warnings).toEqual([]);
    const again = await openStore();
    expect(again.get("a")?.hash).toBe("1");
    expect(again.get("b")?.hash).toBe("2");
  });

  it("recovers a file whose only content is a torn header", async () => {
    await seed('{"v":1,"type":"hea');
    const warnings: string[] = [];
    const store = await openStore({ onWarning: (m) => warnings.push(m), now: () => new Date("2026-01-01T00:00:00Z") });
    expect(warnings).toHaveLength(1);
    expect(store.size).toBe(0);
    expect(await readFile(statePath, "utf8")).toBe(HEADER);
  });

  async function lostError(): Promise<ConfigError> {
    const error = await openStore().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(exitCodeOf(error)).toBe(2);
    return error as ConfigError;
  }

  it("refuses an empty (0-byte) or blank journal as lost, never as a first run; the file stays as it was", async () => {
    for (const content of ["", "\n", "  \n\n"]) {
      await seed(content);
      const error = await lostError();
      expect(error.code).toBe("STATE_LOST");
      expect(error.message).toContain(statePath);
      expect(error.message).toMatch(/is empty.*--new-journal/s);
      expect(await readFile(statePath, "utf8")).toBe(content);
      // The lock was released: the person can fix it and retry at once.
      expect(await readdir(path.dirname(statePath))).toEqual(["s.ndjson"]);
    }
  });

  it("refuses a missing journal, or one with only a torn header, when its snapshot or learnt file remain", async () => {
    await mkdir(path.dirname(statePath), { recursive: true });
    await writeFile(`${statePath}.learnt.json`, "{}");
    let error = await lostError();
    expect(error).toMatchObject({ code: "STATE_LOST", context: { how: "missing" } });
    expect(error.message).toMatch(/is missing, but s\.ndjson\.learnt\.json beside it shows/);
    await writeFile(`${statePath}.snap`, "x");
    await seed('{"v":1,"type":"hea');
    error = await lostError();
    expect(error).toMatchObject({ code: "STATE_LOST", context: { how: "torn" } });
    expect(error.message).toContain("s.ndjson.snap and s.ndjson.learnt.json");
  });

  it("replaceLost (--new-journal) starts a new journal in place of a lost one and says so", async () => {
    await seed("");
    const warnings: string[] = [];
    const store = await openStore({ replaceLost: true, onWarning: (m) => warnings.push(m), now: fixedClock() });
    expect(store.lost).toBe(true);
    expect(store.fresh).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/new journal/)]);
    await store.update("a", { hash: "1" });
    await store.close();
    expect((await openStore()).get("a")?.hash).toBe("1");
  });

  it("creates a new journal whole (header included) through a temp file: never an empty file, no temp left", async () => {
    const store = await openStore({ now: fixedClock() });
    expect(store.lost).toBe(false);
    expect(await lines()).toHaveLength(1);
    expect((await readdir(path.dirname(statePath))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await store.close();
    // A temp file a run killed mid-create left is removed by the next open.
    await writeFile(path.join(path.dirname(statePath), ".s.ndjson.123.abcd.create.tmp"), "");
    await (await openStore()).close();
    expect((await readdir(path.dirname(statePath))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  async function expectCorrupt(content: string, line: number, detail: RegExp): Promise<void> {
    await seed(content);
    const error = await openNdjsonStateStore(statePath).then(
      (s) => {
        opened.push(s);
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const config = error as ConfigError;
    expect(config.code).toBe("STATE_CORRUPT");
    expect(exitCodeOf(config)).toBe(2);
    expect(config.message).toContain(statePath);
    expect(config.message).toContain(`line ${line}`);
    expect(config.message).toMatch(/move the file away/);
    expect(config.message).toMatch(detail);
    expect(config.context).toMatchObject({ file: statePath, line });
    // never silently reset: the file is untouched, and the lock was released so the user can retry
    expect(await readFile(statePath, "utf8")).toBe(content);
    expect(await readdir(path.dirname(statePath))).toEqual(["s.ndjson"]);
  }

  it("refuses invalid JSON in the middle, naming the file and line", async () => {
    await expectCorrupt(HEADER + record("a") + "{oops\n" + record("b"), 3, /not valid JSON/);
  });

  it("leaves a damaged file byte-for-byte alone even when its last line is also torn", async () => {
    await expectCorrupt(HEADER + "{oops\n" + record("b") + '{"k":"c",', 2, /not valid JSON/);
  });

  it("refuses an unknown header version", async () => {
    await expectCorrupt(`{"v":2,"type":"header","createdAt":"x"}\n${record("a")}`, 1, /version 2/);
  });

  it("refuses a file that does not start with a header", async () => {
    await expectCorrupt(record("a") + record("b"), 1, /header/);
  });

  it("refuses a record without a key", async () => {
    await expectCorrupt(HEADER + record("a") + `{"hash":"x","t":"y"}\n` + record("b"), 3, /no row key/);
  });

  it("refuses a line that is JSON but not an object", async () => {
    await expectCorrupt(HEADER + "[1,2]\n" + record("b"), 2, /not a JSON object/);
  });
});

describe("openNdjsonStateStore: compaction", () => {
  async function fileNames(): Promise<string[]> {
    return (await readdir(path.dirname(statePath))).sort();
  }

  it("rewrites the journal once it passes 2x the live keys, keeping every record, leaving no temp file", async () => {
    const store = await openStore({ compactMinRecords: 20, now: fixedClock() });
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
    let maxLines = 0;
    for (let round = 0; round < 30; round++) {
      for (const key of keys) await store.update(key, { rowNumber: round, hash: `${key}-${round}` });
      maxLines = Math.max(maxLines, (await lines()).length - 1);
    }
    // 300 updates, yet the file never grew much past max(2 x 10 keys, 20) lines
    expect(maxLines).toBeLessThanOrEqual(21);
    expect(await fileNames()).toEqual(["s.ndjson", "s.ndjson.lock"]);
    const header = JSON.parse((await lines())[0] ?? "");
    expect(header).toMatchObject({ v: 1, type: "header" });
    await store.close();

    const again = await openStore();
    expect(again.size).toBe(10);
    for (const key of keys) expect(again.get(key)).toMatchObject({ rowNumber: 29, hash: `${key}-29` });
  });

  it("does not compact below compactMinRecords", async () => {
    const store = await openStore({ compactMinRecords: 1000 });
    for (let i = 0; i < 50; i++) await store.update("same", { rowNumber: i });
    await store.close();
    expect((await lines()).length).toBe(51);
  });

  it("compacts on close() when the journal is over the threshold", async () => {
    const big = await openStore({ compactMinRecords: 10_000 });
    for (let i = 0; i < 40; i++) await big.update(`k${i % 4}`, { rowNumber: i });
    await big.close();
    expect((await lines()).length).toBe(41);

    const small = await openStore({ compactMinRecords: 10 });
    await small.close();
    const after = (await lines()).slice(1).map((l) => JSON.parse(l));
    expect(after.map((r) => [r.k, r.rowNumber])).toEqual([
      ["k0", 36],
      ["k1", 37],
      ["k2", 38],
      ["k3", 39],
    ]);
    expect(await fileNames()).toEqual(["s.ndjson"]);
  });

  it("removes a temp file left by a run killed mid-compaction", async () => {
    await openStore().then((s) => s.close());
    const debris = path.join(path.dirname(statePath), ".s.ndjson.999.abcd1234.compact.tmp");
    await writeFile(debris, "partial");
    await openStore();
    expect(await fileNames()).toEqual(["s.ndjson", "s.ndjson.lock"]);
  });
});

describe("openNdjsonStateStore: group commit", () => {
  async function datasyncSpy() {
    const probe = await open(path.join(dir, "probe"), "w");
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    return vi.spyOn(proto, "datasync");
  }

  it("lands 200 concurrent updates, in call order, with a handful of fsyncs instead of 200", async () => {
    const store = await openStore({ compactMinRecords: 100_000 });
    const spy = await datasyncSpy();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.update(`k${i % 10}`, { rowNumber: i })),
    );
    expect(results.map((r) => r.rowNumber)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
    const written = (await lines()).slice(1).map((l) => JSON.parse(l).rowNumber);
    expect(written).toEqual(Array.from({ length: 200 }, (_, i) => i));
    await store.close();
    const again = await openStore();
    for (let j = 0; j < 10; j++) expect(again.get(`k${j}`)?.rowNumber).toBe(190 + j);
  });

  it("coalesces updates issued while a write is in flight into the next single write", async () => {
    const store = await openStore();
    const spy = await datasyncSpy();
    const first = store.update("a", { rowNumber: 1 });
    await new Promise((resolve) => setImmediate(resolve)); // the first write is now in flight
    const rest = Array.from({ length: 50 }, (_, i) => store.update(`b${i}`, { rowNumber: i }));
    await Promise.all([first, ...rest]);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
    expect(store.size).toBe(51);
  });

  it("turns a failed write into STATE_WRITE_FAILED (exit 3) for that update and every later one", async () => {
    const store = await openStore();
    await store.update("ok", { hash: "1" });
    const spy = await datasyncSpy();
    spy.mockRejectedValueOnce(Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" }));
    const failed = await store.update("x", { hash: "2" }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RunAbortedError);
    expect(withExitCode(failed)).toMatchObject({ code: "STATE_WRITE_FAILED", exitCode: 3 });
    expect((failed as Error).message).toContain("no space left");
    await expect(store.update("y", { hash: "3" })).rejects.toMatchObject({ code: "STATE_WRITE_FAILED" });
    await store.close();
    await expect(readdir(path.dirname(statePath))).resolves.toEqual(["s.ndjson"]);
  });
});

describe("openNdjsonStateStore: lock", () => {
  it("holds <path>.lock while open: a second open fails with STATE_LOCKED (exit 3) naming the pid", async () => {
    const store = await openStore();
    const error = await openNdjsonStateStore(statePath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunAbortedError);
    expect(withExitCode(error)).toMatchObject({ code: "STATE_LOCKED", exitCode: 3 });
    expect((error as Error).message).toContain(`pid ${process.pid}`);
    await store.close();
    expect(await readdir(path.dirname(statePath))).toEqual(["s.ndjson"]);
    await openStore();
  });

  it("with lock: false takes no lock and creates nothing until the first update", async () => {
    const reader = await openStore({ lock: false });
    expect(reader.size).toBe(0);
    await expect(readdir(dir)).resolves.toEqual([]);
    await reader.close();
    await expect(readdir(dir)).resolves.toEqual([]);

    const writer = await openStore({ lock: false, now: () => new Date("2026-01-01T00:00:00.000Z") });
    await writer.update("k", { hash: "h" });
    expect(await readdir(path.dirname(statePath))).toEqual(["s.ndjson"]);
    expect((await lines())[0]).toBe(HEADER.trim());
  });

  it("with lock: false never changes a file it only reads (a locked run may be appending to it)", async () => {
    const writer = await openStore({ compactMinRecords: 1_000_000 });
    for (let i = 0; i < 30; i++) await writer.update("same", { rowNumber: i });
    await appendFile(statePath, '{"k":"half-writ'); // as if the writer were mid-append right now
    const before = await readFile(statePath);

    const warnings: string[] = [];
    const reader = await openStore({ lock: false, compactMinRecords: 1, onWarning: (m) => warnings.push(m) });
    expect(reader.get("same")?.rowNumber).toBe(29);
    expect(warnings).toHaveLength(1);
    await reader.close(); // over the compaction threshold, yet a reader must not rewrite the journal
    expect(await readFile(statePath)).toEqual(before);
  });
});

describe("openNdjsonStateStore: scale", () => {
  it("opens a 100 000-key journal well under a second; 100 000 gets are trivial", async () => {
    await mkdir(path.dirname(statePath), { recursive: true });
    const parts: string[] = [HEADER];
    for (let i = 0; i < 100_000; i++) {
      parts.push(
        `${JSON.stringify({
          k: `55119${String(i).padStart(8, "0")}`,
          number: `55119${String(i).padStart(8, "0")}`,
          chatAddId: `ca${i}`,
          addStatus: "done",
          hash: "0123456789abcdef0123456789abcdef",
          lastOutcome: "created",
          rowNumber: i + 2,
          syncedAt: "2026-01-01T00:00:00.000Z",
          t: "2026-01-01T00:00:00.000Z",
        })}\n`,
      );
    }
    await writeFile(statePath, parts.join(""));

    // CPU time, not wall time: the suite shares small CI machines, and waiting for a core is not our cost.
    const cpuBefore = process.cpuUsage();
    const store = await openStore();
    const cpu = process.cpuUsage(cpuBefore);
    expect(store.size).toBe(100_000);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1000);

    const getCpuBefore = process.cpuUsage();
    let found = 0;
    for (let i = 0; i < 100_000; i++) if (store.get(`55119${String(i).padStart(8, "0")}`)) found++;
    const getCpu = process.cpuUsage(getCpuBefore);
    expect(found).toBe(100_000);
    expect((getCpu.user + getCpu.system) / 1000).toBeLessThan(200);
  });
});

describe("openNdjsonStateStore: kill -9", () => {
  it("loses no acknowledged update when the writer is SIGKILLed mid-stream, and takes over its lock", async () => {
    const file = path.join(dir, "killed.ndjson");
    const child = spawn(process.execPath, ["--import", "tsx", killWriter, file, "300"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );

    const deadline = Date.now() + 15_000;
    while (!stdout.includes("ready\n")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`writer did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Killed mid-stream once it has acknowledged 400 updates: past the 300 keys and several compactions (every 50).
    while ((stdout.match(/\n/g)?.length ?? 0) < 401) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`writer stopped: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Only complete lines count: a number cut mid-print was not fully reported.
    const acknowledged = stdout
      .slice(0, stdout.lastIndexOf("\n") + 1)
      .split("\n")
      .filter((l) => /^\d+$/.test(l))
      .map(Number);
    expect(acknowledged.length).toBeGreaterThan(20);

    const warnings: string[] = [];
    const store = await openStore({ onWarning: (m) => warnings.push(m) }, file);
    expect(warnings.some((w) => w.includes(`pid ${child.pid}`))).toBe(true);
    expect(warnings.filter((w) => !w.includes("incomplete last line") && !w.includes("took over"))).toEqual([]);
    for (const i of acknowledged) {
      const record = store.get(`k${i % 300}`);
      expect(record, `update ${i}`).toBeDefined();
      // a later update of the same key may also have landed (written before it was acknowledged)
      expect(record?.rowNumber ?? -1).toBeGreaterThanOrEqual(i);
      expect((record?.rowNumber ?? -1) % 300).toBe(i % 300);
      expect(record?.hash).toBe(`h${record?.rowNumber}`);
    }
    // the repaired journal appends cleanly
    await store.update("after", { hash: "x" });
    await store.close();
    expect((await openStore({}, file)).get("after")?.hash).toBe("x");
  });
});
