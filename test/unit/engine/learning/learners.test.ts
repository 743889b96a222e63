import { describe, expect, it } from "vitest";
import { AddTimings } from "../../../../src/engine/learning/add-timings.js";
import { waitForChatAdd } from "../../../../src/engine/add/wait-for-add.js";
import type { ChatGuruClient } from "../../../../src/chatguru/types.js";
import type { EngineCallOptions } from "../../../../src/engine/transport/scheduled-client.js";
import { formsFromJournal, NumberForms } from "../../../../src/engine/learning/number-forms.js";
import { UpsertStrategy } from "../../../../src/engine/learning/upsert-strategy.js";
import { draft, fakeClient, fakeTime, ok } from "../fakes.js";

const d47 = draft({ key: "5547997565906", phone: { canonical: "5547997565906", alternate: "554797565906" } });
const blank = (key = "5521912345671") =>
  draft({ key, phone: { canonical: key, alternate: key.slice(0, 4) + key.slice(5) }, chatAdd: { text: " " } });

describe("NumberForms", () => {
  it("starts from the field rule (11–28: 13 digits first, 31 and up: 12), then follows the answers", () => {
    const forms = new NumberForms();
    expect(forms.ordered(d47)).toEqual(["554797565906", "5547997565906"]);
    expect(forms.ordered(draft())).toEqual(["5511987654321", "551187654321"]);
    // One chat found under the other form is an old registration; two turn the area code round.
    forms.observe("5547991112222");
    expect(forms.storedForm(d47)).toBe("554797565906");
    forms.observe("5547991113333");
    expect(forms.ordered(d47)).toEqual(["5547997565906", "554797565906"]);
    // Another area code learns nothing from it.
    expect(forms.storedForm(draft())).toBe("5511987654321");
  });

  it("says how often an area code's chats are under the other form (a prior of 10 %, then the answers)", () => {
    const forms = new NumberForms();
    expect(forms.otherShare(draft())).toBeCloseTo(0.1);
    for (let i = 0; i < 18; i++) forms.observe(`55119${String(10000000 + i)}`);
    expect(forms.otherShare(draft())).toBeCloseTo(0.01);
    forms.observe("551187654321");
    expect(forms.otherShare(draft())).toBeCloseTo(1.2 / 21);
    expect(forms.otherShare(draft({ phone: { canonical: "14155550100" } }))).toBe(0);
  });

  it("with the row's draft, tells the forms apart whatever digit follows the 9", () => {
    const forms = new NumberForms();
    const row = draft({ phone: { canonical: "5547910000011", alternate: "554710000011" } });
    forms.observe("554710000011", row);
    expect(forms.ordered(draft({ phone: { canonical: "5547910000021", alternate: "554710000021" } }))).toEqual([
      "554710000021",
      "5547910000021",
    ]);
  });

  it("is seeded from the journal's known numbers", () => {
    // DDD 31 found under the 13-digit form twice: against the field rule, the journal wins.
    const forms = formsFromJournal([{ number: "5531991112222" }, {}, { number: "5531991113333" }]);
    const d31 = draft({ phone: { canonical: "5531997565906", alternate: "553197565906" } });
    expect(forms.storedForm(d31)).toBe("5531997565906");
    expect(forms.storedForm(d47)).toBe("554797565906");
  });
});

describe("UpsertStrategy", () => {
  it("updates first while blind, then adds first once most rows came back new", async () => {
    const strategy = new UpsertStrategy();
    const blind = await Promise.all([1, 2, 3, 4].map(() => strategy.choose(blank(), undefined)));
    expect(blind.map((c) => c.order)).toEqual(Array(4).fill("update-first"));
    let decided = false;
    const fifth = strategy.choose(blank(), undefined).then((c) => ((decided = true), c));
    await Promise.resolve();
    expect(decided).toBe(false); // waits for the first answers
    for (const c of blind) c.observe(true);
    expect((await fifth).order).toBe("add-first");
  });

  it("a blind row that missed decides once the other blind rows' first probes are in: probe again, or add", async () => {
    const run = async (othersFound: boolean[]) => {
      const strategy = new UpsertStrategy();
      const rows = await Promise.all([1, 2, 3, 4].map(() => strategy.choose(blank(), undefined)));
      rows[0]!.firstProbe(false);
      const decision = rows[0]!.probeOther(0.1);
      othersFound.forEach((found, i) => rows[i + 1]!.firstProbe(found));
      return decision;
    };
    // The others found their chats: a run of existing chats, the miss is likely an old registration.
    expect(await run([true, true, true])).toBe(true);
    // The others missed too (all new), or half did: adding costs less than a probe that likely misses.
    expect(await run([false, false, false])).toBe(false);
    expect(await run([true, false, false])).toBe(false);
    // A row whose miss turned out an existing chat corrects its answer: the run stays one of existing chats.
    const strategy = new UpsertStrategy();
    const rows = await Promise.all([1, 2, 3, 4].map(() => strategy.choose(blank(), undefined)));
    rows.forEach((row, i) => row.firstProbe(i > 0));
    rows[0]!.observe(false);
    expect(strategy.newShare).toBe(0);
  });

  it("a row that is alone in knowing nothing probes the other form (never an add for an existing chat)", async () => {
    const strategy = new UpsertStrategy();
    const row = await strategy.choose(blank(), undefined);
    row.firstProbe(false);
    expect(await row.probeOther(0.1)).toBe(true);
  });

  it("starts from the last run's answers (its 16 latest), which this run's own answers soon outweigh", async () => {
    const carried = new UpsertStrategy("learn", [...Array(20).fill(false), ...Array(16).fill(true)]);
    expect(carried.newShare).toBe(1);
    expect(carried.learnt()).toBeUndefined(); // nothing of its own yet: nothing new to keep
    const first = await carried.choose(blank(), undefined);
    expect(first.order).toBe("add-first");
    // Existing chats after all: eight answers bring the share to 16/24, under the 0.7 that adding first needs.
    for (let i = 0; i < 8; i++) (await carried.choose(blank(), undefined)).observe(false);
    expect((await carried.choose(blank(), undefined)).order).toBe("update-first");
    expect(carried.learnt()).toHaveLength(24);
  });

  it("never adds first for a journal-known number or an add with visible text", async () => {
    const strategy = new UpsertStrategy();
    for (let i = 0; i < 4; i++) (await strategy.choose(blank(), undefined)).observe(true);
    expect((await strategy.choose(blank(), { key: "k", number: "5521912345671", updatedAt: "" })).order).toBe(
      "update-first",
    );
    expect((await strategy.choose(draft({ chatAdd: { text: "Olá" } }), undefined)).order).toBe("update-first");
    expect((await strategy.choose(blank(), undefined)).order).toBe("add-first");
    // A chat_add dialog does not stop it: the add goes blank and the dialog follows on `done` (add-dialog.ts).
    const dialog = draft({ phone: blank().phone, chatAdd: { text: " ", dialogId: "d1" } });
    expect((await strategy.choose(dialog, undefined)).order).toBe("add-first");
  });

  it("stays update-first when half the rows exist, and always in probe-first", async () => {
    const strategy = new UpsertStrategy();
    for (let i = 0; i < 8; i++) (await strategy.choose(blank(), undefined)).observe(i % 2 === 0);
    expect((await strategy.choose(blank(), undefined)).order).toBe("update-first");
    const old = new UpsertStrategy("probe-first");
    for (let i = 0; i < 8; i++) (await old.choose(blank(), undefined)).observe(true);
    expect((await old.choose(blank(), undefined)).order).toBe("update-first");
  });
});

describe("learnt poll timing", () => {
  const schedule = { firstMs: 3000, factor: 1.5, maxMs: 30_000 };

  it("polls once, a little past where the run's adds settled, once enough of them did", async () => {
    const timings = new AddTimings();
    for (const ms of [4000, 4200, 4400, 4100, 4300]) timings.settled(ms, 1, false);
    const time = fakeTime();
    let polls = 0;
    const client = fakeClient({
      chat_add_status: () => ok({ chat_add_status: polls++ === 0 ? "done" : "pending" }),
    });
    const answer = await waitForChatAdd(client, "a1", { deadline: time.now() + 60_000, schedule, timings, ...time });
    expect(answer.status).toBe("done");
    expect(client.calls).toHaveLength(1);
    // The slowest settle seen (4.4 s, itself an upper bound) plus 15 %.
    expect(time.sleeps).toEqual([5060]);
  });

  it("uses the default schedule (~3 s first) while nothing is known, one poll at a time", async () => {
    const timings = new AddTimings();
    const time = fakeTime();
    const client = fakeClient({ chat_add_status: () => ok({ chat_add_status: "done" }) });
    await waitForChatAdd(client, "a1", { deadline: time.now() + 60_000, schedule, timings, ...time });
    expect(time.sleeps).toEqual([3000]);
    expect(timings.tryScout()).toBe(true);
    expect(timings.tryScout()).toBe(false);
    timings.endScout();
    expect(timings.tryScout()).toBe(true);
  });

  it("a miss moves the first poll 20 % later (once per batch polled together); 20 hits in a row, 5 % earlier", () => {
    const timings = new AddTimings();
    for (const ms of [4000, 4000, 4000, 4000, 5000]) timings.settled(ms, 1, false);
    expect(timings.pollAt(0)).toBe(5750);
    timings.missed(5750);
    timings.missed(5750); // same batch: judged at the old setting, not moved again
    expect(timings.pollAt(0)).toBeCloseTo(6900);
    for (let i = 0; i < 19; i++) timings.settled(6900, 1, true);
    expect(timings.pollAt(0)).toBeCloseTo(6900);
    timings.settled(6900, 1, true);
    expect(timings.pollAt(0)).toBeCloseTo(6555);
    // Second polls (a miss) go where nearly every add had settled.
    expect(timings.pollAt(1)).toBe(6900);
  });

  it("starts from what an earlier run learnt, tuned first poll included, and hands on what this run added", () => {
    const restored = new AddTimings({ settles: [4000, 4200, 4400, 4100, 4300], firstPoll: 4700 });
    expect(restored.known).toBe(true);
    // The earlier run's tuned first poll (a little earlier: settles seen at poll times cannot tell it adds got
    // faster), not 15 % past the slowest settle, which would drift later every run.
    expect(restored.pollAt(0)).toBeCloseTo(3995);
    expect(restored.learnt()).toBeUndefined();
    restored.settled(3995, 1, true);
    expect(restored.learnt()).toEqual({ settles: [4000, 4200, 4400, 4100, 4300, 3995], firstPoll: 3995 });
    // Too few settles to know anything: scouting as from scratch.
    expect(new AddTimings({ settles: [4000], firstPoll: 4700 }).known).toBe(false);
  });

  it("after an add answered pending at 3 s, the others wait until 1.5× that age, until one settles", () => {
    const timings = new AddTimings();
    expect(timings.scoutAt(3000)).toBe(3000);
    timings.pendingAt(3000);
    expect(timings.scoutAt(3000)).toBe(4500);
    // An add the whole run waits on (the config gate) is polled more closely.
    expect(timings.scoutAt(3000, true)).toBe(3600);
    expect(timings.scoutAt(7500)).toBe(7500);
    timings.settled(4500, 1, false);
    expect(timings.scoutAt(3000)).toBe(3000);
  });

  it("learns from when a poll left the queue, not from when its answer came back", async () => {
    const timings = new AddTimings();
    const time = fakeTime();
    const client: ChatGuruClient = {
      async call(_action, _params, options) {
        await time.sleep(2000); // held by the rate cap
        await (options as EngineCallOptions).beforeAttempt?.();
        await time.sleep(1000); // a slow answer
        return ok({ chat_add_status: "pending" });
      },
      close: () => undefined,
    };
    const answer = await waitForChatAdd(client, "a1", { deadline: time.now() + 7000, schedule, timings, ...time });
    expect(answer.status).toBe("pending");
    // Pending when sent at 3 s + 2 s in the queue = 5 s (not 6 s, when the answer came): others wait until 7.5 s.
    expect(timings.scoutAt(0)).toBe(7500);
  });

  it("a burst of adds made together spends one pending poll learning, not one per add", async () => {
    const clock = virtualClock();
    const timings = new AddTimings();
    const readyAt = new Map<string, number>();
    const polls: Array<{ id: string; at: number; status: string }> = [];
    const client = fakeClient({
      chat_add_status: (p) => {
        const status = clock.now() >= readyAt.get(p.chat_add_id!)! ? "done" : "pending";
        polls.push({ id: p.chat_add_id!, at: clock.now(), status });
        return ok({ chat_add_status: status });
      },
    });
    const ids = Array.from({ length: 8 }, (_, i) => `a${i}`);
    for (const id of ids) readyAt.set(id, 4000);
    const all = Promise.all(
      ids.map((id) =>
        waitForChatAdd(client, id, { deadline: 60_000, schedule, timings, now: clock.now, sleep: clock.sleep }),
      ),
    );
    await clock.runUntil(all);
    expect((await all).map((r) => r.status)).toEqual(Array(8).fill("done"));
    // Eight scouts polling together at 3 s would each have missed (16 polls); one pending answer moves the rest.
    expect(polls.filter((p) => p.status === "pending")).toEqual([{ id: "a0", at: 3000, status: "pending" }]);
    expect(polls).toHaveLength(9);
    expect(polls.filter((p) => p.id !== "a0").every((p) => p.at >= 4500)).toBe(true);
  });
});

/** Timers resolved in time order, each after the promises it released have run (many concurrent sleeps). */
function virtualClock() {
  let t = 0;
  const timers: Array<{ at: number; fire: () => void }> = [];
  const idle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        signal?.throwIfAborted();
        const timer = { at: t + Math.max(0, ms), fire: resolve };
        timers.push(timer);
        signal?.addEventListener(
          "abort",
          () => {
            timers.splice(timers.indexOf(timer), 1);
            reject(signal.reason);
          },
          { once: true },
        );
      }),
    async runUntil(done: Promise<unknown>): Promise<void> {
      let finished = false;
      void done.finally(() => (finished = true));
      for (let i = 0; i < 10_000 && !finished; i++) {
        await idle();
        if (finished || timers.length === 0) continue;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        t = Math.max(t, next.at);
        next.fire();
      }
    },
  };
}
