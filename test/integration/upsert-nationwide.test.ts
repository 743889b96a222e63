import { afterEach, describe, expect, it } from "vitest";
import type { MockState } from "../../src/chatguru/mock/mock-server.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

/** 13-digit canonical mobile number `i` of area code `ddd`, and its 12-digit form without the 9th digit. */
const mobile = (i: number, ddd: string) => `55${ddd}9${String(7123_4561 + i)}`;
const twelve = (n: string) => n.slice(0, 4) + n.slice(5);
/** Area codes 31 and up keep the 12-digit form (the field rule), and so does this account's mock. */
/** The account has the welcome dialog these tests run (the mock refuses dialog ids it does not know). */
const STORAGE = { twelveDigitAreaCodes: ["31-99"], dialogs: ["boas-vindas"] };
const AREAS = ["11", "21", "27", "31", "47", "61"];

/** Row i of a nationwide file: its area code cycles through AREAS. */
const nationwide = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) => mobile(offset + i, AREAS[i % AREAS.length]!));
/** How ChatGuru holds an existing chat: 12-digit from area code 31 on, and for the old registrations given. */
const stored = (n: string, old: ReadonlySet<string> = new Set()) =>
  Number(n.slice(2, 4)) >= 31 || old.has(n) ? twelve(n) : n;

function mapping(extra: Record<string, unknown> = {}) {
  return env.mapping("m.json", {
    mode: "upsert",
    phone: { column: "Telefone" },
    name: "Nome",
    custom_fields: { Etapa: "Etapa" },
    ...extra,
  });
}

function csv(numbers: string[], stage = "novo"): string {
  return env.csv("leads.csv", ["Telefone,Nome,Etapa", ...numbers.map((n, i) => `${n},C${i},${stage}`)].join("\n"));
}

/** The actions the mock received for `number` (either 9th-digit form), in order, with the form used. */
function callsFor(number: string): string[] {
  const forms = new Set([number, twelve(number)]);
  return env.mock
    .state()
    .log.filter((e) => e.chatNumber !== undefined && forms.has(e.chatNumber))
    .map((e) => `${e.action}:${e.chatNumber === number ? 13 : 12}`);
}

/** No visible message or dialog to a chat that existed, no number added twice or held by two chats. */
function expectNoHarm(state: MockState, numbers: string[]): void {
  for (const chat of state.chats.filter((c) => c.createdVia === "seed")) {
    expect(chat.sentMessages, chat.number).toEqual([]);
    expect(chat.dialogs, chat.number).toEqual([]);
  }
  for (const n of numbers) {
    const forms = [n, twelve(n)];
    const adds = forms.reduce((sum, f) => sum + (state.chatAddsByNumber[f] ?? 0), 0);
    expect(adds, n).toBeLessThanOrEqual(1);
    expect(
      state.chats.filter((c) => forms.includes(c.number)),
      n,
    ).toHaveLength(1);
  }
}

const run = (source: string, map: string, extra = {}) =>
  sync({ source, mapping: map, connection: env.connection, cwd: env.dir, ...FAST, ...extra });

describe("upsert on a nationwide base: requests per row", () => {
  it("existing chats: the field rule's form first; an old registration under the other form costs one probe more, never an add", async () => {
    const numbers = nationwide(36);
    const old = new Set([numbers[6]!, numbers[19]!, numbers[26]!]); // DDD 11, 21, 27
    env = await createSyncEnv({ ...STORAGE, existingChats: numbers.map((n) => stored(n, old)) });
    const report = await run(csv(numbers), mapping());
    expect(report.counts).toMatchObject({ updated: 36, failed: 0 });
    for (const n of numbers) {
      const rule = Number(n.slice(2, 4)) >= 31 ? 12 : 13;
      const other = rule === 13 ? 12 : 13;
      const expected = old.has(n)
        ? [`chat_update_custom_fields:${rule}`, `chat_update_custom_fields:${other}`]
        : [`chat_update_custom_fields:${rule}`];
      expect(callsFor(n), n).toEqual(expected);
    }
    const state = env.mock.state();
    expect(state.requests.byAction).toEqual({ chat_update_custom_fields: 39 });
    expectNoHarm(state, numbers);
  });

  it("half new: a new row costs one probe before its add; no chat is added twice and existing chats see nothing", async () => {
    const numbers = nationwide(48);
    const existing = numbers.filter((_, i) => i % 2 === 0);
    const old = new Set([existing[3]!, existing[7]!]); // DDD 11 and 27
    env = await createSyncEnv({ ...STORAGE, addDelayMs: 30, existingChats: existing.map((n) => stored(n, old)) });
    const report = await run(csv(numbers), mapping());
    expect(report.counts).toMatchObject({ created: 24, updated: 24, failed: 0, pending: 0 });
    const fresh = numbers.filter((_, i) => i % 2 === 1);
    // Before its add, a new row probes at most its area code's form (none while the run's rows look mostly new);
    // only a row that starts before the run knows anything may probe the other form too.
    const probes = fresh.map((n) => callsFor(n).indexOf(`chat_add:13`));
    expect(probes.every((p) => p >= 0 && p <= 2)).toBe(true);
    expect(probes.filter((p) => p === 2).length).toBeLessThanOrEqual(4);
    expect(probes.filter((p) => p === 1).length).toBeGreaterThan(12);
    const state = env.mock.state();
    expectNoHarm(state, numbers);
    for (const n of numbers) {
      const chat = state.chats.find((c) => c.number === n || c.number === twelve(n))!;
      expect(chat.fields, n).toEqual({ field__Etapa: "novo" });
    }
  });

  it("all new: the run adds first once its first rows missed; each chat stored as ChatGuru says (corrigido para)", async () => {
    const numbers = nationwide(24);
    env = await createSyncEnv({ ...STORAGE, addDelayMs: 30 });
    const report = await run(csv(numbers), mapping());
    expect(report.counts).toMatchObject({ created: 24, failed: 0 });
    const state = env.mock.state();
    // The first rows probe once (blind), the rest add at once: never both forms of a new number.
    expect(state.requests.byAction.chat_add).toBe(24);
    expect(state.requests.byAction.chat_update_custom_fields).toBeLessThanOrEqual(24 + 4);
    expectNoHarm(state, numbers);
    for (const n of numbers)
      expect(
        state.chats.some((c) => c.number === stored(n)),
        n,
      ).toBe(true);
  });

  it("a chat_add dialog no longer stops adding first: the add goes blank, dialog_execute runs for new chats only", async () => {
    const numbers = nationwide(30);
    const existing = [numbers[9]!, numbers[16]!, numbers[23]!, numbers[29]!];
    env = await createSyncEnv({ ...STORAGE, addDelayMs: 30, existingChats: existing.map((n) => stored(n)) });
    const map = mapping({ chat_add: { dialog_id: { value: "boas-vindas" } }, note: { template: "Lead {{Nome}}" } });
    const report = await run(csv(numbers), map);
    // On a mismatch, say which rows ended how (the results file's status and error columns).
    const said = () =>
      env
        .results(`${env.dir}/leads.results.csv`)
        .map((r) => `${r.chatguru_status} ${r.chatguru_error}`)
        .join("\n");
    expect(report.counts, said()).toMatchObject({ created: 26, updated: 4, failed: 0, pending: 0 });
    const state = env.mock.state();
    expectNoHarm(state, numbers);
    for (const n of numbers.filter((x) => !existing.includes(x))) {
      const chat = state.chats.find((c) => c.number === stored(n))!;
      // Once: chat_add carried no dialog_id (it would have run it a second time).
      expect(chat.dialogs, n).toEqual(["boas-vindas"]);
      expect(chat.notes, n).toHaveLength(1);
    }
    // Most rows were added first, the existing chats among them too (`fetched`): they got their note, no dialog.
    expect(state.requests.byAction.chat_add).toBeGreaterThan(26);
    for (const n of existing) expect(state.chats.find((c) => c.number === stored(n))!.notes).toHaveLength(1);
  });

  it("an add left pending (--no-wait) owes its dialog: the next run runs it once the add is done, and only once", async () => {
    const numbers = nationwide(6);
    env = await createSyncEnv({ ...STORAGE, addDelayMs: 40 });
    const map = mapping({ chat_add: { dialog_id: { value: "boas-vindas" } } });
    const first = await run(csv(numbers), map, { wait: false, upsertStrategy: "learn" });
    expect(first.counts.pending).toBe(6);
    expect(env.mock.state().requests.byAction.dialog_execute).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = await run(csv(numbers), map);
    expect(second.counts).toMatchObject({ created: 6, pending: 0 });
    const third = await run(csv(numbers), map);
    expect(third.counts.unchanged).toBe(6);
    const state = env.mock.state();
    for (const n of numbers)
      expect(state.chats.find((c) => c.number === stored(n))!.dialogs, n).toEqual(["boas-vindas"]);
  });
});

describe("the dry run's estimate starts from what the journal and the learnt file know", () => {
  it("rows like the last run's, which were existing chats, cost about one update each", async () => {
    const old = nationwide(12);
    const next = nationwide(12, 100);
    env = await createSyncEnv({ ...STORAGE, existingChats: [...old, ...next].map((n) => stored(n)) });
    const map = mapping();
    expect((await run(csv(old), map)).counts.updated).toBe(12);
    const source = csv(next);
    const plan = await run(source, map, { dryRun: true });
    const before = env.mock.state().requests.total;
    const real = await run(source, map);
    expect(real.counts.updated).toBe(12);
    // About one each: the estimate allows for old registrations under the other form (a probe more), the real run
    // met none. Counted as new, these rows would be estimated at 44.
    expect(plan.plan?.estimate?.requests).toBeGreaterThanOrEqual(12);
    expect(plan.plan?.estimate?.requests).toBeLessThanOrEqual(13);
    expect(env.mock.state().requests.total - before).toBe(12);
  });

  it("new leads after a run of new leads: add, poll, update each — what the real run then sends", async () => {
    env = await createSyncEnv({ ...STORAGE });
    const map = mapping();
    expect((await run(csv(nationwide(12)), map)).counts.created).toBe(12);
    const source = csv(nationwide(12, 100));
    const plan = await run(source, map, { dryRun: true });
    const before = env.mock.state().requests.total;
    expect((await run(source, map)).counts.created).toBe(12);
    expect(plan.plan?.estimate?.requests).toBe(36);
    expect(env.mock.state().requests.total - before).toBe(36);
  });
});

describe("a new lead's deferred dialog whose answer was lost", () => {
  it("is never sent again on its own; --resolve settles it, --release-held ROW sends it once more", async () => {
    const numbers = nationwide(2);
    env = await createSyncEnv({
      ...STORAGE,
      applyThenFailRate: 1,
      applyThenFailActions: ["dialog_execute"],
      applyThenFailStatuses: [500],
      dialogContextQuirk: false,
    });
    const map = mapping({ chat_add: { dialog_id: { value: "boas-vindas" } } });
    const dialogs = () => numbers.map((n) => env.mock.state().chats.find((c) => c.number === stored(n))!.dialogs);
    const first = await run(csv(numbers), map);
    expect(first.counts).toMatchObject({ created: 0, failed: 2 });
    expect(env.results(first.results!).map((r) => r.chatguru_error)).toEqual([
      expect.stringMatching(/^MESSAGE_UNCERTAIN: dialog_execute/),
      expect.stringMatching(/^MESSAGE_UNCERTAIN: dialog_execute/),
    ]);
    expect(dialogs()).toEqual([["boas-vindas"], ["boas-vindas"]]);
    expect((await run(csv(numbers), map)).counts.failed).toBe(2);
    expect(dialogs()).toEqual([["boas-vindas"], ["boas-vindas"]]);
    // Row 2's dialog is in the chat (resolved); row 3's the person did not find, so it goes once more.
    env.mock.configure({ applyThenFailRate: 0 });
    const settled = await run(csv(numbers), map, { resolve: [2], releaseHeld: [3] });
    expect(settled.counts).toMatchObject({ updated: 2, failed: 0 });
    expect(dialogs()).toEqual([["boas-vindas"], ["boas-vindas", "boas-vindas"]]);
    expect((await run(csv(numbers), map)).counts.unchanged).toBe(2);
  });
});
