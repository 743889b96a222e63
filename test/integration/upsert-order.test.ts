import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { learntPath, readLearnt } from "../../src/state/learnt-file.js";
import { openNdjsonStateStore } from "../../src/state/ndjson-state-store.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

/** 13-digit canonical mobile number `i` of area code `ddd`, and its 12-digit form without the 9th digit. */
const mobile = (i: number, ddd: string) => `55${ddd}9${String(7123_4561 + i)}`;
const twelve = (n: string) => n.slice(0, 4) + n.slice(5);

function mapping(text?: string) {
  return env.mapping("m.json", {
    mode: "upsert",
    phone: { column: "Telefone" },
    name: "Nome",
    custom_fields: { Etapa: "Etapa" },
    ...(text !== undefined ? { chat_add: { text: { value: text } } } : {}),
  });
}

function csv(numbers: string[], stage = "novo"): string {
  return env.csv("leads.csv", ["Telefone,Nome,Etapa", ...numbers.map((n, i) => `${n},C${i},${stage}`)].join("\n"));
}

/** The actions the mock received for `number` (either 9th-digit form), in order. */
function callsFor(number: string): string[] {
  const forms = new Set([number, twelve(number)]);
  return env.mock
    .state()
    .log.filter((e) => e.chatNumber !== undefined && forms.has(e.chatNumber))
    .map((e) => `${e.action}:${e.chatNumber === number ? 13 : 12}`);
}

const run = (source: string, map: string, extra = {}) =>
  sync({ source, mapping: map, connection: env.connection, cwd: env.dir, ...FAST, ...extra });

describe("upsert picks its order from what the run learns", () => {
  it("a run of new rows adds first once the first rows came back new; each number added once", async () => {
    env = await createSyncEnv({ addDelayMs: 40 });
    const numbers = Array.from({ length: 10 }, (_, i) => mobile(i, "21"));
    const report = await run(csv(numbers), mapping());
    expect(report.counts.created).toBe(10);
    // The first rows start blind: update first on their area code's form; all of them missed, so they add.
    expect(callsFor(numbers[0]!)).toEqual([
      "chat_update_custom_fields:13",
      "chat_add:13",
      "chat_update_custom_fields:13",
    ]);
    // Later rows: the run is all new and the add is blank, so no probe.
    for (const n of numbers.slice(6)) expect(callsFor(n)).toEqual(["chat_add:13", "chat_update_custom_fields:13"]);
    expect(Object.values(env.mock.state().chatAddsByNumber)).toEqual(Array(10).fill(1));
  });

  it("adding first meets an existing chat as `fetched` (corrigido para): no second chat, then updates it", async () => {
    const existing = mobile(99, "47");
    env = await createSyncEnv({ addDelayMs: 40, existingChats: [twelve(existing)] });
    const numbers = [...Array.from({ length: 8 }, (_, i) => mobile(i, "21")), existing];
    const report = await run(csv(numbers), mapping());
    expect(report.counts).toMatchObject({ created: 8, updated: 1, failed: 0 });
    expect(callsFor(existing)).toEqual(["chat_add:13", "chat_update_custom_fields:12"]);
    const chats = env.mock.state().chats.filter((c) => c.number === existing || c.number === twelve(existing));
    expect(chats).toEqual([expect.objectContaining({ number: twelve(existing), fields: { field__Etapa: "novo" } })]);
    expect(chats[0]!.messages).toBe(0);
  });

  it("an add with visible text never goes first: an existing chat is updated, never re-added", async () => {
    const existing = mobile(99, "21");
    env = await createSyncEnv({ addDelayMs: 40, existingChats: [existing] });
    const numbers = [...Array.from({ length: 8 }, (_, i) => mobile(i, "21")), existing];
    const report = await run(csv(numbers), mapping("Olá!"));
    expect(report.counts).toMatchObject({ created: 8, updated: 1 });
    expect(callsFor(existing)).toEqual(["chat_update_custom_fields:13"]);
    for (const n of numbers.slice(0, 8))
      expect(callsFor(n).slice(0, 2)).toEqual(["chat_update_custom_fields:13", "chat_update_custom_fields:12"]);
  });

  it("tries the 12-digit form first in area codes 31 and up (the field rule), and learns an area code that differs", async () => {
    // DDD 47: all stored 12-digit, as the rule says. DDD 31 in this account: stored 13-digit, against the rule.
    const rule = Array.from({ length: 8 }, (_, i) => mobile(i, "47"));
    const against = Array.from({ length: 8 }, (_, i) => mobile(i, "31"));
    env = await createSyncEnv({ existingChats: [...rule.map(twelve), ...against] });
    const report = await run(csv([...rule, ...against]), mapping(), { concurrency: 1 });
    expect(report.counts.updated).toBe(16);
    for (const n of rule) expect(callsFor(n)).toEqual(["chat_update_custom_fields:12"]);
    // Two chats found the other way turn the area code round (a row already queued may still try the rule's form
    // first); an existing chat costs a probe more, never an add.
    for (const n of against.slice(0, 2))
      expect(callsFor(n)).toEqual(["chat_update_custom_fields:12", "chat_update_custom_fields:13"]);
    for (const n of against.slice(4)) expect(callsFor(n)).toEqual(["chat_update_custom_fields:13"]);
    expect(env.mock.state().requests.byAction.chat_add).toBeUndefined();
  });

  it("a run mixing journal-known, new and 12-digit rows ends with every row right", async () => {
    const known = Array.from({ length: 4 }, (_, i) => mobile(i, "11"));
    const stored12 = Array.from({ length: 4 }, (_, i) => mobile(i, "48"));
    const fresh = Array.from({ length: 6 }, (_, i) => mobile(50 + i, "31"));
    const fresh12 = Array.from({ length: 3 }, (_, i) => mobile(60 + i, "49"));
    env = await createSyncEnv({ addDelayMs: 30, existingChats: [...known, ...stored12.map(twelve)] });
    const map = mapping();
    await run(csv(known, "antes"), map);
    const log = env.mock.state().log.length;
    const all = [...known, ...stored12, ...fresh, ...fresh12];
    const report = await run(csv(all, "depois"), map);
    expect(report.counts).toMatchObject({ updated: 8, created: 9, failed: 0, pending: 0 });
    // The journal knew these numbers: one request each.
    for (const n of known) {
      expect(
        env.mock
          .state()
          .log.slice(log)
          .filter((e) => e.chatNumber === n)
          .map((e) => e.action),
      ).toEqual(["chat_update_custom_fields"]);
    }
    const chats = env.mock.state().chats;
    for (const n of all) {
      const stored = chats.filter((c) => c.number === n || c.number === twelve(n));
      expect(stored, n).toHaveLength(1);
      expect(stored[0]!.fields, n).toEqual({ field__Etapa: "depois" });
      expect(stored[0]!.number, n).toBe(["48", "49"].includes(n.slice(2, 4)) ? twelve(n) : n);
    }
  });

  it("a scheduled run starts from the add times the last run learnt: one chat_add_status per add from its first add", async () => {
    env = await createSyncEnv({ addDelayMs: 150 });
    const polls = () => env.mock.state().requests.byAction.chat_add_status ?? 0;
    const first = await run(csv(Array.from({ length: 8 }, (_, i) => mobile(i, "21"))), mapping());
    expect(first.counts.created).toBe(8);
    // Learning from scratch (FAST's first poll at 30 ms, adds taking 150 ms) costs polls that find adds pending.
    const firstPolls = polls();
    expect(firstPolls).toBeGreaterThan(8);
    expect(existsSync(learntPath(first.state!))).toBe(true);

    const second = await run(csv(Array.from({ length: 8 }, (_, i) => mobile(100 + i, "21"))), mapping());
    expect(second.counts.created).toBe(8);
    expect(polls() - firstPolls).toBe(8);
  });

  it("a scheduled run adds its new leads first when the last run's unknown rows were new: no blind probes", async () => {
    env = await createSyncEnv({ addDelayMs: 40 });
    const map = mapping();
    const first = await run(csv(Array.from({ length: 8 }, (_, i) => mobile(i, "21"))), map);
    expect(first.counts.created).toBe(8);
    expect((await readLearnt(first.state!)).newRows?.value.filter(Boolean).length).toBeGreaterThanOrEqual(4);

    // The same sheet with three new leads at the end: the journal's rows are unchanged, the new ones added at once.
    const leads = Array.from({ length: 3 }, (_, i) => mobile(50 + i, "21"));
    const second = await run(csv([...Array.from({ length: 8 }, (_, i) => mobile(i, "21")), ...leads]), map);
    expect(second.counts).toMatchObject({ created: 3, unchanged: 8 });
    for (const n of leads) expect(callsFor(n)).toEqual(["chat_add:13", "chat_update_custom_fields:13"]);
  });

  it("adds still waiting in the queue when the run stops never went out: not pending, nothing to check next run", async () => {
    env = await createSyncEnv({ addDelayMs: 40 });
    const map = mapping();
    const first = await run(csv(Array.from({ length: 8 }, (_, i) => mobile(i, "21"))), map);
    expect(first.counts.created).toBe(8);

    // New leads, added first at once (the last run's were new), under a rate cap: stopped (Ctrl-C) while most of
    // their adds still wait in the queue. Those never went out: the rows were not reached, no add to check later.
    const leads = Array.from({ length: 16 }, (_, i) => mobile(60 + i, "21"));
    const stop = new AbortController();
    // Stopped once two of the adds reached the mock: at 2 requests a second the rest are still queued.
    const addsOut = () => leads.filter((n) => env.mock.state().chatAddsByNumber[n] !== undefined).length;
    const watch = setInterval(() => addsOut() >= 2 && stop.abort(), 5);
    const second = await run(csv(leads), map, { rate: 2, signal: stop.signal, graceMs: 200 }).finally(() =>
      clearInterval(watch),
    );
    expect(second.exitCode).toBe(130);
    const added = new Set(Object.keys(env.mock.state().chatAddsByNumber));
    const neverSent = leads.filter((n) => !added.has(n));
    // Only rows whose add reached ChatGuru may be pending (how many went out depends on the machine's speed).
    expect(second.counts.pending).toBeLessThanOrEqual(leads.length - neverSent.length);
    expect(neverSent.length).toBeGreaterThanOrEqual(4);
    const store = await openNdjsonStateStore(second.state!, { lock: false });
    const journaled = neverSent.map((n) => store.get(n)?.addStatus ?? null);
    await store.close();
    expect(journaled).toEqual(neverSent.map(() => null));
    const statuses = env.results(second.results!).filter((row) => neverSent.includes(row.Telefone!));
    expect(statuses.map((row) => row.chatguru_status)).toEqual(neverSent.map(() => ""));
  });
});
