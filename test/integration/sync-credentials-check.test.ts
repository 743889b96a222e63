import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { CHECK_AFTER_MS } from "../../src/engine/transport/credentials-check.js";
import { learntPath } from "../../src/state/learnt-file.js";
import { openNdjsonStateStore } from "../../src/state/ndjson-state-store.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { mode: "update", phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const NUMBERS = ["5511987650001", "5511987650002", "5511987650003"];

async function populated() {
  env = await createSyncEnv({ existingChats: NUMBERS });
  const source = env.csv("l.csv", `Telefone,Nome,Etapa\n${NUMBERS.map((n, i) => `${n},P${i},novo`).join("\n")}\n`);
  const mapping = env.mapping("m.json", MAPPING);
  const run = (key = env.connection.key) =>
    sync({ source, mapping, connection: { ...env.connection, key }, cwd: env.dir, ...FAST });
  const first = await run();
  expect(first.counts.updated).toBe(3);
  const learnt = learntPath(first.state!);
  const acceptedAt = () => JSON.parse(readFileSync(learnt, "utf8")).credentialsAcceptedAt as string | undefined;
  /** Makes the last accepted answer `ms` old, as if the sheet had not changed since. */
  const age = (ms: number) =>
    writeFileSync(learnt, JSON.stringify({ credentialsAcceptedAt: new Date(Date.now() - ms).toISOString() }));
  return { run, acceptedAt, age, learnt };
}

describe("a revoked key is noticed by a scheduled run whose rows need no request", () => {
  it("an answer ChatGuru gave is recorded; an unchanged run soon after sends nothing", async () => {
    const t = await populated();
    expect(Date.now() - Date.parse(t.acceptedAt()!)).toBeLessThan(60_000);
    const again = await t.run("revoked-key");
    expect(again.exitCode).toBe(0);
    expect(again.requests.total).toBe(0);
  });

  it("after 12 hours without an answer, one chat_add_status checks the key: a revoked one stops the run (exit 3)", async () => {
    const t = await populated();
    t.age(CHECK_AFTER_MS + 60_000);
    const before = env.mock.state().requests.total;
    const revoked = await t.run("revoked-key");
    expect(revoked.exitCode).toBe(3);
    expect(revoked.error?.code).toBe("CHATGURU_AUTH");
    expect(revoked.counts.unchanged).toBe(3);
    expect(revoked.requests).toMatchObject({ total: 1, byAction: { chat_add_status: 1 } });
    expect(env.mock.state().requests.total - before).toBe(1);
  });

  it("a good key passes the check, which is recorded so the next runs send nothing again", async () => {
    const t = await populated();
    t.age(CHECK_AFTER_MS + 60_000);
    const checked = await t.run();
    expect(checked.exitCode).toBe(0);
    expect(checked.requests.total).toBe(1);
    expect(Date.now() - Date.parse(t.acceptedAt()!)).toBeLessThan(60_000);
    expect((await t.run()).requests.total).toBe(0);
  });

  it("a journal with no record of an answer (kept by an older release) checks once", async () => {
    const t = await populated();
    writeFileSync(t.learnt, "{}");
    expect((await t.run()).requests.total).toBe(1);
    expect((await t.run()).requests.total).toBe(0);
  });
});

describe("a key refused while several sends are in flight", () => {
  it("every refused send is proved not sent: no row failed, no message marked as maybe sent, none counted", async () => {
    const chats = ["5511987650011", "5511987650012", "5511987650013", "5511987650014"];
    env = await createSyncEnv({ existingChats: chats, latencyMs: 100 });
    const source = env.csv("l.csv", `Telefone,Nome\n${chats.map((n, i) => `${n},P${i}`).join("\n")}\n`);
    const mapping = env.mapping("m.json", { mode: "update", phone: "Telefone", message: { text: { value: "Oi" } } });
    const events: Array<{ type: string; sent?: number }> = [];
    const report = await sync({
      source,
      mapping,
      connection: { ...env.connection, key: "revoked-key" },
      cwd: env.dir,
      ...FAST,
      releaseHeld: true,
      onEvent: (e) => events.push(e),
    });
    expect(report.exitCode).toBe(3);
    expect(report.requests.byAction.message_send).toBeGreaterThan(1);
    expect(report.counts.failed).toBe(0);
    expect(events.filter((e) => e.type === "messages-sent")).toEqual([]);
    const journal = await openNdjsonStateStore(report.state!, { lock: false });
    const marks = [...journal.entries()].map((row) => row.messageStatus ?? "none");
    await journal.close();
    expect(marks).not.toContain("sending");
  });
});
