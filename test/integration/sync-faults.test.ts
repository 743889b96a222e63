import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChatGuruRateLimitError } from "../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";
import { rejectsWithExitCode } from "../helpers/exit-code.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };

function rows(n: number, existingEvery = 2): { csv: string; existing: string[] } {
  const lines = ["Telefone,Nome,Etapa"];
  const existing: string[] = [];
  for (let i = 0; i < n; i++) {
    const number = `55119${String(70000000 + i)}`;
    lines.push(`${number},Pessoa ${i},etapa-${i}`);
    if (i % existingEvery === 0) existing.push(number);
  }
  return { csv: `${lines.join("\n")}\n`, existing };
}

describe("sync under faults", () => {
  it("5xx, resets, timeouts and 429s: every row ends created/updated and no number gets two chat_adds", async () => {
    const { csv, existing } = rows(40);
    env = await createSyncEnv({
      existingChats: existing,
      failRate: 0.1,
      resetRate: 0.05,
      timeoutRate: 0.02,
      rateLimit: 40,
      seed: 7,
    });
    const report = await sync({
      source: env.csv("l.csv", csv),
      mapping: env.mapping("m.json", MAPPING),
      // Long enough that only the mock's injected hangs time out, even on a loaded CI machine.
      connection: { ...env.connection, timeoutMs: 1_500 },
      cwd: env.dir,
      ...FAST,
      concurrency: 6,
      rate: 100,
    });
    const failures = env
      .results(report.results!)
      .filter((r) => r.chatguru_status !== "created" && r.chatguru_status !== "updated");
    expect(failures).toEqual([]);
    expect(report.counts).toMatchObject({ total: 40, failed: 0, pending: 0 });
    expect(report.counts.created + report.counts.updated).toBe(40);
    expect(report.requests.retries).toBeGreaterThan(0);
    const state = env.mock.state();
    expect(Math.max(...Object.values(state.chatAddsByNumber))).toBe(1);
    for (let i = 0; i < 40; i++) {
      const chat = state.chats.find((c) => c.number === `55119${70000000 + i}`);
      expect(chat?.fields.field__Etapa, `row ${i + 2}`).toBe(`etapa-${i}`);
    }
  }, 60_000);

  it("a 429 pauses the whole queue: during Retry-After at most `concurrency` requests arrive (those already in flight)", async () => {
    // 30 rows at 50/s against a 10/s limit: 429 bursts within the first second, each answered by a real 1 s pause.
    const { csv, existing } = rows(30, 1);
    env = await createSyncEnv({ existingChats: existing, rateLimit: 10, latencyMs: 20 });
    const report = await sync({
      source: env.csv("l.csv", csv),
      mapping: env.mapping("m.json", { ...MAPPING, mode: "update" }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      concurrency: 3,
      rate: 50,
    });
    expect(report.counts.updated).toBe(30);
    const log = env.mock.state().log;
    const limited = log.filter((e) => e.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    // After the first 429 of a burst, requests arriving within the next second are only those already started.
    const first429 = limited[0]!.at;
    const during = log.filter((e) => e.at > first429 && e.at < first429 + 950);
    expect(during.length).toBeLessThanOrEqual(3);
  }, 60_000);

  it("bad credentials abort the run at once with exit code 3 and the key never appears in the report", async () => {
    const { csv } = rows(30);
    env = await createSyncEnv({});
    const report = await sync({
      source: env.csv("l.csv", csv),
      mapping: env.mapping("m.json", MAPPING),
      connection: { ...env.connection, key: "wrong-key-123456" },
      cwd: env.dir,
      ...FAST,
    });
    expect(report.exitCode).toBe(3);
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe("CHATGURU_AUTH");
    expect(report.requests.total).toBeLessThanOrEqual(4); // at most the requests already in flight
    expect(report.notReached).toBeGreaterThan(20);
    expect(JSON.stringify(report)).not.toContain("wrong-key-123456");
    // The run reached no row: no results file full of blank statuses, on this first run none at all.
    expect(report.resultsKept).toBe(true);
    expect(report.results).toBeUndefined();
    expect(existsSync(join(env.dir, "l.results.csv"))).toBe(false);
  });

  it("20 consecutive failed requests abort the run (exit 3)", async () => {
    const { csv } = rows(30);
    env = await createSyncEnv({ failRate: 1 });
    const report = await sync({
      source: env.csv("l.csv", csv),
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.exitCode).toBe(3);
    expect(report.error?.code).toBe("TOO_MANY_FAILURES");
    expect(report.requests.total).toBeLessThan(30);
  });

  it("an abort signal (SIGINT) stops taking rows, flushes results and state, and reports exit 130", async () => {
    const { csv, existing } = rows(200, 1);
    env = await createSyncEnv({ existingChats: existing, latencyMs: 20 });
    const controller = new AbortController();
    let rowsDone = 0;
    const report = await sync({
      source: env.csv("l.csv", csv),
      mapping: env.mapping("m.json", { ...MAPPING, mode: "update" }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      rate: 50,
      onEvent: (e) => {
        if (e.type === "row" && ++rowsDone === 10) controller.abort();
      },
      signal: controller.signal,
    });
    expect(report.exitCode).toBe(130);
    expect(report.counts.updated).toBeGreaterThanOrEqual(10);
    expect(report.counts.updated).toBeLessThan(200);
    expect(report.notReached! + report.counts.total).toBe(200);
    const results = env.results(report.results!);
    expect(results).toHaveLength(200);
    // Re-running finishes the job and skips what was done (at the mock's full speed: the latency only paced the stop).
    env.mock.configure({ latencyMs: 0 });
    const rerun = await sync({
      source: env.csv("l.csv", csv),
      mapping: env.mapping("m.json", { ...MAPPING, mode: "update" }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(rerun.counts.unchanged).toBe(report.counts.updated);
    expect(rerun.counts.updated).toBe(200 - report.counts.updated);
  }, 30_000);
  it("a source error after requests were sent: rows in flight finish, results are kept, exit 3 (not 2)", async () => {
    const { csv, existing } = rows(30, 1);
    env = await createSyncEnv({ existingChats: existing, latencyMs: 30 });
    const broken = `${csv}5511900000001,"Unclosed,x\n`;
    const report = await sync({
      source: env.csv("l.csv", broken),
      mapping: env.mapping("m.json", { ...MAPPING, mode: "update" }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      concurrency: 2,
    });
    expect(report.exitCode).toBe(3);
    expect(report.error?.code).toBe("SOURCE_CSV_PARSE");
    expect(report.error?.message).toMatch(/stopped part-way/);
    const results = env.results(report.results!);
    const done = results.filter((r) => r.chatguru_status === "updated").length;
    expect(done).toBe(report.counts.updated);
    expect(done).toBeGreaterThan(0);
    // Nothing was left running: every request the mock saw was answered before the report came back.
    const seen = env.mock.state().requests.total;
    await new Promise((r) => setTimeout(r, 150));
    expect(env.mock.state().requests.total).toBe(seen);
  });

  it("a source error before anything was sent is a plain exit-2 error with no results file", async () => {
    env = await createSyncEnv({});
    await expect(
      rejectsWithExitCode(
        sync({
          source: env.csv("l.csv", 'Telefone,Nome,Etapa\n"Unclosed,x,y\n'),
          mapping: env.mapping("m.json", MAPPING),
          connection: env.connection,
          cwd: env.dir,
          ...FAST,
        }),
      ),
    ).rejects.toMatchObject({ code: "SOURCE_CSV_PARSE", exitCode: 2 });
    expect(() => env.read(`${env.dir}/l.results.csv`)).toThrow();
  });

  it("rows with different keys but the same phone do not both send chat_add", async () => {
    env = await createSyncEnv({ addDelayMs: 100 });
    const report = await sync({
      source: env.csv("l.csv", "ID,Telefone,Nome,Etapa\nd1,11987654321,Ana,a\nd2,(11) 98765-4321,Ana B,b\n"),
      mapping: env.mapping("m.json", { ...MAPPING, key: "ID", chat_add: { text: { value: "Olá Ana!" } } }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts).toMatchObject({ created: 1, updated: 1 });
    expect(env.mock.state().chatAddsByNumber).toEqual({ "5511987654321": 1 });
  });

  it("editing the phone of a row keyed by another column syncs the new number, not the old contact", async () => {
    env = await createSyncEnv({});
    const mapping = env.mapping("m.json", { ...MAPPING, key: "ID" });
    const source = env.csv("l.csv", "ID,Telefone,Nome,Etapa\nc1,11987654321,Ana,a\n");
    await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    env.csv("l.csv", "ID,Telefone,Nome,Etapa\nc1,21999998888,Ana,b\n");
    const second = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(second.counts.created).toBe(1);
    const chats = env.mock.state().chats;
    expect(chats.find((c) => c.number === "5511987654321")?.fields.field__Etapa).toBe("a");
    expect(chats.find((c) => c.number === "5521999998888")?.fields.field__Etapa).toBe("b");
    expect(env.results(second.results!)[0]!.chatguru_chat_number).toBe("5521999998888");
  });

  it("bad --state and --results paths are exit-2 errors before anything is sent", async () => {
    env = await createSyncEnv({});
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,a\n");
    const mapping = env.mapping("m.json", MAPPING);
    const notJournal = env.csv("notes.txt", "precious data without newline");
    await expect(
      rejectsWithExitCode(sync({ source, mapping, connection: env.connection, cwd: env.dir, state: notJournal })),
    ).rejects.toMatchObject({ code: "STATE_CORRUPT", exitCode: 2 });
    expect(env.read(notJournal)).toBe("precious data without newline");
    await expect(
      rejectsWithExitCode(sync({ source, mapping, connection: env.connection, cwd: env.dir, state: env.dir })),
    ).rejects.toMatchObject({ code: "STATE_UNREADABLE", exitCode: 2 });
    await expect(
      rejectsWithExitCode(
        sync({
          source,
          mapping,
          connection: env.connection,
          cwd: env.dir,
          state: `${env.dir}/s.ndjson`,
          results: `${env.dir}/missing/dir/r.csv`,
        }),
      ),
    ).rejects.toMatchObject({ code: "RESULTS_DIR_UNWRITABLE", exitCode: 2 });
    expect(env.mock.state().requests.total).toBe(0);
  });
  it("a server that answers only 429 stops the run (exit 3) instead of waiting forever", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const always429: ChatGuruClient = {
      async call(action) {
        throw new ChatGuruRateLimitError({ action, retryAfterMs: 1 });
      },
      close: () => undefined,
    };
    const report = await sync({
      source: env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,a\n"),
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      client: always429,
      cwd: env.dir,
      ...FAST,
      retryPolicy: { ...FAST.retryPolicy, maxConsecutiveRateLimits: 5 },
    });
    expect(report.exitCode).toBe(3);
    expect(report.error?.code).toBe("CHATGURU_RATE_LIMITED");
  });
});
