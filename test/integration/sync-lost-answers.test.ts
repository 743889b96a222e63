import { afterEach, describe, expect, it } from "vitest";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import { ChatGuruApiError, ChatGuruTimeoutError } from "../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };

// A chat_add or note whose answer never came back (a timeout, a gateway error): what the run knows, probes and re-sends.
// The transport faults themselves (5xx, 429, resets, stops) are in sync-faults.test.ts.
describe("sync when an answer is lost", () => {
  it("a lost chat_add answer with a non-blank text is never re-sent: the row fails ADD_UNCERTAIN", async () => {
    env = await createSyncEnv({ addDelayMs: 10_000 });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11933332222,Joana,novo\n");
    const mapping = env.mapping("m.json", { ...MAPPING, chat_add: { text: { value: "Olá Joana!" } } });
    const report = await sync({
      source,
      mapping,
      connection: env.connection,
      client: losingFirstAdd("after-applying"),
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.failed).toBe(1);
    expect(env.results(report.results!)[0]!.chatguru_error).toMatch(/^ADD_UNCERTAIN: /);
    expect(env.mock.state().requests.byAction.chat_add).toBe(1);
  });

  it("a lost chat_add answer (blank text) is probed first: an add that landed is not sent again", async () => {
    env = await createSyncEnv({ addDelayMs: 100 });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11933331111,Kaio,novo\n");
    const report = await sync({
      source,
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      client: losingFirstAdd("after-applying"),
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.created).toBe(1);
    expect(env.mock.state().chatAddsByNumber["5511933331111"]).toBe(1);
    expect(env.mock.state().chats.find((c) => c.number === "5511933331111")?.fields.field__Etapa).toBe("novo");
  });

  it("a lost chat_add that never reached ChatGuru (blank text) is re-added once after the probe window", async () => {
    env = await createSyncEnv({});
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11933330000,Lara,novo\n".replace("0000,", "0001,"));
    const report = await sync({
      source,
      mapping: env.mapping("m.json", MAPPING),
      connection: env.connection,
      client: losingFirstAdd("before-sending"),
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.created).toBe(1);
    expect(env.mock.state().chatAddsByNumber["5511933330001"]).toBe(1);
  });

  it("phone + name only: a lost chat_add answer does not abort the run; the blank add is simply repeated", async () => {
    env = await createSyncEnv({});
    const report = await sync({
      source: env.csv("l.csv", "Telefone,Nome\n11933334444,Rui\n"),
      mapping: env.mapping("m.json", { phone: "Telefone", name: "Nome", custom_fields: {} }),
      connection: env.connection,
      client: losingFirstAdd("after-applying"),
      cwd: env.dir,
      ...FAST,
    });
    expect(report.exitCode).toBe(0);
    expect(report.counts.updated + report.counts.created).toBe(1);
  });

  it("an interrupted chat_add stays uncertain in the journal: the next run probes instead of adding again", async () => {
    env = await createSyncEnv({ latencyMs: 400 });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11933335555,Ana,novo\n");
    const mapping = env.mapping("m.json", { ...MAPPING, mode: "create", chat_add: { text: { value: "Olá Ana!" } } });
    const controller = new AbortController();
    const first = sync({
      source,
      mapping,
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      signal: controller.signal,
      graceMs: 50,
    });
    while ((env.mock.state().requests.byAction.chat_add ?? 0) < 1) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await first).exitCode).toBe(130);
    const { openNdjsonStateStore } = await import("../../src/state/ndjson-state-store.js");
    const { readdirSync } = await import("node:fs");
    const statePath = `${env.dir}/.chatguru-sync/${readdirSync(`${env.dir}/.chatguru-sync`).find((f) => f.endsWith(".ndjson"))}`;
    const store = await openNdjsonStateStore(statePath, { lock: false });
    expect(store.get("5511933335555")?.addStatus).toBe("uncertain");
    await store.close();
    env.mock.configure({ latencyMs: 0 });
    const second = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(second.requests.byAction.chat_add ?? 0).toBe(0);
    expect(second.counts.failed).toBe(1);
    expect(env.results(second.results!)[0]!.chatguru_error).toMatch(/^ADD_UNCERTAIN/);
  });

  // A note is not a send: a lost one is sent again, a duplicate rather than a gap (docs/at-most-once.md).
  it("a note whose answer was lost is sent again: at-least-once, a duplicate rather than a gap", async () => {
    env = await createSyncEnv({ existingChats: ["5511944441111"] });
    const real = createChatGuruClient(env.connection);
    let lost = false;
    const client: ChatGuruClient = {
      async call(action, params, options) {
        if (action === "note_add" && !lost) {
          lost = true;
          await real.call(action, params, options);
          throw new ChatGuruTimeoutError({ action, endpoint: env.mock.url, timeoutMs: 1 });
        }
        return real.call(action, params, options);
      },
      close: () => real.close(),
    };
    const report = await sync({
      source: env.csv("l.csv", "Telefone,Nome,Etapa\n11944441111,Nina,novo\n"),
      mapping: env.mapping("m.json", { ...MAPPING, note: { template: "nota {{Nome}}" } }),
      connection: env.connection,
      client,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.updated).toBe(1);
    expect(env.mock.state().chats[0]!.notes).toEqual(["nota Nina", "nota Nina"]);
    expect(report.requests.byAction.note_add).toBe(2);
  });
  it("create: a lost blank chat_add that carries a dialog is not re-added (the dialog would run twice)", async () => {
    env = await createSyncEnv({ addDelayMs: 2_000 });
    const report = await sync({
      source: env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n"),
      mapping: env.mapping("m.json", { ...MAPPING, mode: "create", chat_add: { dialog_id: { value: "dlg-1" } } }),
      connection: env.connection,
      client: losingFirstAdd("after-applying"),
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.failed).toBe(1);
    expect(env.results(report.results!)[0]!.chatguru_error).toMatch(/^ADD_UNCERTAIN: .*a dialog/);
    expect(env.mock.state().requests.byAction.chat_add).toBe(1);
    expect(env.mock.state().requests.byAction.dialog_execute ?? 0).toBe(0);
  });

  it("upsert: the add went blank (dialog deferred), so a lost one is re-added; the dialog is not run on `fetched`", async () => {
    // The lost add lands after the probe window (FAST: 300 ms), so the row re-adds.
    env = await createSyncEnv({ addDelayMs: 1_500 });
    const warnings: string[] = [];
    const report = await sync({
      source: env.csv("l.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n"),
      mapping: env.mapping("m.json", { ...MAPPING, chat_add: { dialog_id: { value: "D1" } } }),
      connection: env.connection,
      client: losingFirstAdd("after-applying"),
      cwd: env.dir,
      ...FAST,
      onEvent: (e) => void (e.type === "warning" && warnings.push(e.message)),
    });
    expect(report.counts.updated).toBe(1);
    const state = env.mock.state();
    expect(state.requests.byAction.chat_add).toBe(2);
    expect(state.chats).toHaveLength(1);
    // The re-add answered `fetched`: nothing proves the chat is new, so the dialog is not run, and that is said.
    expect(state.requests.byAction.dialog_execute ?? 0).toBe(0);
    expect(warnings.join("\n")).toMatch(/Row 2: the answer to chat_add .* the chat_add dialog "D1" was not run/);
  });

  it("a note that is the row's first request and loses its answer is retried at once, then not sent again on the next run", async () => {
    env = await createSyncEnv({ existingChats: ["5511944442222"] });
    const source = env.csv("l.csv", "Telefone,Obs\n11944442222,hello\n");
    const mapping = env.mapping("m.json", {
      phone: "Telefone",
      mode: "update",
      custom_fields: {},
      note: { template: "Obs: {{Obs}}" },
    });
    const first = await sync({
      source,
      mapping,
      connection: env.connection,
      client: losingFirst("note_add", 504),
      cwd: env.dir,
      ...FAST,
    });
    expect(first.requests.byAction.note_add).toBe(2);
    expect(first.counts.updated).toBe(1);
    await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST, full: true });
    // The 504 hid a saved note, so ChatGuru has it twice; the answered retry was journaled: no third one.
    expect(env.mock.state().chats[0]!.notes).toEqual(["Obs: hello", "Obs: hello"]);
  });
});

/** A real client whose first `action` is applied, then answered with `status` by a proxy (the answer is lost). */
function losingFirst(action: string, status: number): ChatGuruClient {
  const real = createChatGuruClient(env.connection);
  let lost = false;
  return {
    async call(name, params, options) {
      if (name === action && !lost) {
        lost = true;
        await real.call(name, params, options);
        throw new ChatGuruApiError({ action: name, httpStatus: status, description: "Gateway Timeout" });
      }
      return real.call(name, params, options);
    },
    close: () => real.close(),
  };
}

/** A real client whose first chat_add answer is lost (a timeout), before or after ChatGuru applied it. */
function losingFirstAdd(when: "after-applying" | "before-sending"): ChatGuruClient {
  const real = createChatGuruClient(env.connection);
  let lost = false;
  return {
    async call(action, params, options) {
      if (action === "chat_add" && !lost) {
        lost = true;
        if (when === "after-applying") await real.call(action, params, options);
        throw new ChatGuruTimeoutError({ action, endpoint: env.mock.url, timeoutMs: 1 });
      }
      return real.call(action, params, options);
    },
    close: () => real.close(),
  };
}
