import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { sync, type SyncOptions } from "../src/sync.js";
import { byActionText, connectionFor, fixed, runTsChild, timed, updateFixture, writeJson, type Bench } from "./lib.js";
import type { RerunChildReport } from "./rerun-child.js";

const ROWS = 100_000;
const MAX_RATIO = 2;
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The first, untimed sync that fills the journal (mode update, existing chats, latency 0, concurrency 32). The mock
 * is closed when it returns: a real re-run's process holds no fake server with 100 000 chats and their request log,
 * whose heap would tax the garbage collector of everything measured after it. A re-run that sent anything would now
 * fail those rows (connection refused), so 100 000 `unchanged` rows and 0 requests are the proof nothing went out.
 */
async function populate(dir: string) {
  const { source, numbers, mapping } = await updateFixture(dir, ROWS);
  const mock = await startMockServer({ existingChats: numbers });
  try {
    const options: SyncOptions = {
      source,
      mapping,
      connection: connectionFor(mock),
      concurrency: 32,
      rate: 0, // no cap (0, not Infinity: these options travel to rerun-child.ts as JSON)
      state: join(dir, "state.ndjson"),
      results: join(dir, "results.csv"),
      cwd: dir,
    };
    const first = await timed(() => sync(options));
    if (first.value.counts.updated !== ROWS)
      throw new Error(
        `first sync updated ${first.value.counts.updated}/${ROWS}: ${JSON.stringify(first.value.counts)}`,
      );
    return { options, first };
  } finally {
    await mock.close();
  }
}

const CHILD = fileURLToPath(new URL("./rerun-child.ts", import.meta.url));

/**
 * A re-run of an unchanged 100 000-row file sends 0 requests and takes ≤ 2× `validate`. After the journal is
 * filled, a process of its own (rerun-child.ts: a scheduled re-run starts with a fresh heap too) alternates validate()
 * and the re-run three times; their medians are compared, so one noisy run on a shared machine does not decide.
 */
export const rerunUnchanged: Bench = {
  name: "rerun-unchanged",
  title: "second sync of an unchanged 100 000-row file: 0 requests, ≤ 2× validate()",
  async run(dir) {
    const { options, first } = await populate(dir);
    const optionsPath = writeJson(join(dir, "rerun-options.json"), options);
    const { checks, reruns } = await runTsChild<RerunChildReport>(CHILD, [optionsPath, String(RUNS)]);
    const checked = median(checks);
    const rerun = median(reruns.map((r) => r.ms));
    const ratio = rerun / checked;
    const sent = reruns.reduce((sum, r) => sum + r.requests, 0);
    const allUnchanged = reruns.every((r) => r.unchanged === ROWS);
    const secs = (ms: number) => fixed(ms / 1000, 2);
    return {
      name: this.name,
      setup: `${ROWS / 1000}k rows`,
      measured: `${sent} req, ${secs(rerun)} s = ${fixed(ratio, 2)}× validate`,
      ideal: `0 req, ≤ ${MAX_RATIO}× validate (${secs(checked)} s)`,
      pass: allUnchanged && sent === 0 && ratio <= MAX_RATIO,
      notes: [
        `${RUNS} re-runs ${reruns.map((r) => secs(r.ms)).join(" / ")} s, validate() ${checks.map(secs).join(" / ")} s ` +
          `(medians compared, own process); unchanged ${reruns.map((r) => r.unchanged).join(" / ")} of ${ROWS}`,
        `first (populating) sync: ${first.value.requests.total} requests (${byActionText(first.value.requests.byAction)}) ` +
          `in ${secs(first.ms)} s = ${fixed(first.value.requests.total / (first.ms / 1000), 0)} req/s`,
      ],
    };
  },
};
