import { join } from "node:path";
import { startMockServer, type MockServerOptions, type MockState } from "../src/chatguru/mock/mock-server.js";
import { otherBrazilianForm } from "../src/chatguru/mock/mock-numbers.js";
import { sync, type SyncOptions } from "../src/sync.js";
import { byActionText, connectionFor, fixed, prng, timed, typed, writeJson, writeLines, type Bench } from "./lib.js";

/**
 * A customer base spread over the country (16 area codes, São Paulo weighing three): every chat of area codes 31 and
 * up is stored in the 12-digit form, and ~8 % of those of 11–27 too (old registrations) — about a third in all.
 */
const AREAS = [
  "11",
  "11",
  "11",
  "12",
  "13",
  "14",
  "15",
  "16",
  "17",
  "18",
  "19",
  "21",
  "27",
  "31",
  "41",
  "51",
  "61",
  "71",
];
const STORAGE: MockServerOptions = { twelveDigitAreaCodes: ["31-99"], twelveDigitShare: 0.08 };
/** ChatGuru takes 4–6 s to settle an add, as an import meets it (polls per add are part of the figure). */
const ADDS = { addDelayMs: 4_000, addDelayMaxMs: 6_000 };
const RATE = 200;
const CONCURRENCY = 8;
const ROWS = 150;

interface Scenario {
  name: string;
  rows: number;
  /** Which rows already have a chat. */
  existing: (i: number) => boolean;
  /** The fewest requests per row the API allows when the form of every number is known. */
  floor: number;
  /** The issue's target. */
  bar: number;
  dialog?: boolean;
}

/** 59 of 300 rows existing (a first import of a HubSpot-style export): picked by a fixed draw. */
const importDraw = (() => {
  const random = prng(25);
  const picked = new Set<number>();
  while (picked.size < 59) picked.add(Math.floor(random() * 300));
  return picked;
})();

const SCENARIOS: Scenario[] = [
  { name: "all-new", rows: ROWS, existing: () => false, floor: 3, bar: 3.1 },
  { name: "all-existing", rows: ROWS, existing: () => true, floor: 1, bar: 1.1 },
  { name: "half-new", rows: ROWS, existing: (i) => i % 2 === 0, floor: 2.5, bar: 2.6 },
  {
    name: "import+dialog+note",
    rows: 300,
    existing: (i) => importDraw.has(i),
    // A new lead: add, poll, update, dialog, note; an existing chat: update, note.
    floor: (241 * 5 + 59 * 2) / 300,
    bar: 5.1,
    dialog: true,
  },
];

/** Row i's canonical number: area code by a fixed draw, a distinct mobile whose 8 digits start with 7 or 8. */
function numbers(count: number, offset = 0): string[] {
  const random = prng(16);
  return Array.from({ length: count }, (_, i) => {
    const ddd = AREAS[Math.floor(random() * AREAS.length)]!;
    return `55${ddd}9${7 + ((i + offset) % 2)}${String(i + offset).padStart(6, "0")}1`;
  });
}

async function writeSource(dir: string, name: string, list: string[]): Promise<string> {
  const source = join(dir, `${name}.csv`);
  await writeLines(source, ["Telefone,Nome,Etapa", ...list.map((n, i) => `${typed(n, i)},Contato ${i + 1},novo`)]);
  return source;
}

function mappingFor(dir: string, dialog: boolean): string {
  return writeJson(join(dir, `mapping-${dialog ? "dialog" : "plain"}.json`), {
    mode: "upsert",
    phone: { column: "Telefone" },
    name: "Nome",
    custom_fields: { Etapa: "Etapa" },
    ...(dialog ? { chat_add: { dialog_id: { value: "boas-vindas" } }, note: { template: "Lead: {{Nome}}" } } : {}),
  });
}

/**
 * The existing chats as ChatGuru holds them: every one of area codes 31 and up under the 12-digit form, and of 11–27
 * exactly one in 12.5 (8 %, spread evenly in row order) — a random draw of 150 rows strays by a few either way, and
 * each stray one moves the figure by 0.02.
 */
function storedExisting(list: string[]): string[] {
  let old = 0;
  return list.map((n) => {
    if (Number(n.slice(2, 4)) >= 31) return otherBrazilianForm(n)!;
    old += 1;
    return Math.floor(old * 0.08) > Math.floor((old - 1) * 0.08) ? otherBrazilianForm(n)! : n;
  });
}

/** What must never happen, whatever the order: a visible message or dialog to a chat that existed, a chat added twice. */
function harms(state: MockState, list: string[]): string[] {
  const found: string[] = [];
  for (const chat of state.chats) {
    if (chat.createdVia === "seed" && (chat.sentMessages.length > 0 || chat.dialogs.length > 0))
      found.push(
        `existing chat ${chat.number} got ${chat.sentMessages.length} message(s), ${chat.dialogs.length} dialog(s)`,
      );
  }
  for (const n of list) {
    const forms = [n, otherBrazilianForm(n)!];
    const adds = forms.reduce((sum, f) => sum + (state.chatAddsByNumber[f] ?? 0), 0);
    const chats = state.chats.filter((c) => forms.includes(c.number)).length;
    if (adds > 1 || chats > 1) found.push(`${n}: ${adds} chat_add, ${chats} chats`);
  }
  return found;
}

async function runScenario(dir: string, s: Scenario) {
  const list = numbers(s.rows);
  const existing = list.filter((_, i) => s.existing(i));
  const stored = storedExisting(existing);
  const mock = await startMockServer({
    ...STORAGE,
    ...ADDS,
    existingChats: stored,
    // The first dialog_execute per chat fails "contexto não foi validado" in the mock: a quirk ChatGuru shows at
    // times, not a cost of the strategy measured here.
    dialogContextQuirk: false,
  });
  try {
    const sub = join(dir, s.name);
    const source = await writeSource(dir, s.name, list);
    const { value: report } = await timed(() =>
      sync({
        source,
        mapping: mappingFor(dir, s.dialog === true),
        connection: connectionFor(mock),
        concurrency: CONCURRENCY,
        rate: RATE,
        state: join(sub, "state.ndjson"),
        results: join(sub, "results.csv"),
        cwd: dir,
      }),
    );
    const state = mock.state();
    const done = report.counts.created + report.counts.updated;
    const other = stored.filter((n) => n.length === 12 && Number(n.slice(2, 4)) < 31).length;
    return {
      perRow: state.requests.total / s.rows,
      done,
      byAction: state.requests.byAction,
      harms: harms(state, list),
      other,
      existing: existing.length,
    };
  } finally {
    await mock.close();
  }
}

/** 1 200 existing chats, 16 in flight, 50 ms latency: a fresh run against one that knows every number's form. */
async function timeExisting(dir: string) {
  const list = numbers(1200, 500_000);
  const mock = await startMockServer({ ...STORAGE, existingChats: storedExisting(list), latencyMs: 50 });
  const source = await writeSource(dir, "existing-1200", list);
  const mapping = mappingFor(dir, false);
  const run = async (sub: string, full: boolean) => {
    const options: SyncOptions = {
      source,
      mapping,
      connection: connectionFor(mock),
      concurrency: 16,
      rate: 0,
      state: join(dir, sub, "state.ndjson"),
      results: join(dir, sub, "results.csv"),
      cwd: dir,
      full,
    };
    const before = mock.state().requests.total;
    const { value: report, ms } = await timed(() => sync(options));
    return { ms, requests: mock.state().requests.total - before, done: report.counts.updated };
  };
  try {
    // A first run warms the process up and leaves the journal every "known" run starts from (--full: each row is
    // sent again, to the number that worked). Then three of each, in turns, the fastest of each kept: a busy machine
    // slows a run, never speeds it up.
    await run("known", false);
    const fresh: Awaited<ReturnType<typeof run>>[] = [];
    const known: typeof fresh = [];
    for (const sub of ["fresh-1", "fresh-2", "fresh-3"]) {
      if (sub === "fresh-2") known.push(await run("known", true));
      fresh.push(await run(sub, false));
      if (sub !== "fresh-2") known.push(await run("known", true));
    }
    const best = (xs: typeof fresh) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
    return { fresh: best(fresh), known: best(known) };
  } finally {
    await mock.close();
  }
}

/**
 * Requests per row on a nationwide base: the first form tried per area code starts from the field rule and
 * is learnt per area code; an old registration under the other form costs one more probe, never an add and a wait;
 * a mapping with a chat_add dialog still adds first (blank, dialog_execute on `done`). Requests counted at the mock.
 */
export const nationwide: Bench = {
  name: "nationwide",
  title: "requests per row on 16 area codes (a third stored 12-digit) and 1 200 existing chats vs forms known",
  async run(dir) {
    const notes: string[] = [];
    const verdicts: string[] = [];
    let pass = true;
    for (const s of SCENARIOS) {
      const r = await runScenario(dir, s);
      const ok = r.perRow <= s.bar && r.done === s.rows && r.harms.length === 0;
      pass &&= ok;
      verdicts.push(`${s.name} ${fixed(r.perRow, 2)}${ok ? "" : "!"}`);
      notes.push(
        `${s.name}: ${fixed(r.perRow, 3)} req/row (floor ${fixed(s.floor, 2)}, bar ${s.bar}), ${r.done}/${s.rows} rows ` +
          `created/updated, ${r.existing} existing of which ${r.other} in 11–27 under the 12-digit form; ${byActionText(r.byAction)}` +
          (r.harms.length > 0 ? `; HARM: ${r.harms.slice(0, 3).join("; ")}` : ""),
      );
    }
    const t = await timeExisting(dir);
    const ratio = t.fresh.ms / t.known.ms;
    const timeOk = ratio <= 1.15 && t.fresh.done === 1200 && t.known.done === 1200;
    pass &&= timeOk;
    notes.push(
      `1 200 existing, C=16, 50 ms: fresh ${fixed(t.fresh.ms / 1000, 2)} s (${t.fresh.requests} requests), forms known ` +
        `${fixed(t.known.ms / 1000, 2)} s (${t.known.requests} requests): ${fixed(ratio, 3)}×`,
    );
    return {
      name: this.name,
      setup: `N=150/300 C=${CONCURRENCY} R=${RATE} D=4–6s`,
      measured: `${verdicts.join(" ")} req/row; 1200 existing ${fixed(ratio, 2)}×${timeOk ? "" : "!"}`,
      ideal: `≤ ${SCENARIOS.map((s) => `${s.name} ${s.bar}`).join(" ")}; ≤ 1.15× forms known (! = over)`,
      pass,
      notes,
    };
  },
};
