import { join } from "node:path";
import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { loadMapping } from "../src/mapping/load-mapping.js";
import { createCsvSource } from "../src/sources/csv-source.js";
import { sync } from "../src/sync.js";
import { validate } from "../src/validate.js";
import { byActionText, connectionFor, fixed, timed, updateFixture, type Bench } from "./lib.js";

const ROWS = 100_000;
const MAX_RATIO = 2;

/**
 * SPEC §9: a re-run of an unchanged 100 000-row file sends 0 requests and takes ≤ 2× `validate`. The journal is
 * populated by a first, uncapped sync (mode update, existing chats, latency 0, concurrency 32) that is not timed.
 */
export const rerunUnchanged: Bench = {
  name: "rerun-unchanged",
  title: "second sync of an unchanged 100 000-row file: 0 requests, ≤ 2× validate()",
  async run(dir) {
    const { source, numbers, mapping: mappingPath } = await updateFixture(dir, ROWS);
    const mock = await startMockServer({ existingChats: numbers });
    try {
      const options = {
        source,
        mapping: mappingPath,
        connection: connectionFor(mock),
        concurrency: 32,
        rate: Infinity,
        state: join(dir, "state.ndjson"),
        results: join(dir, "results.csv"),
        cwd: dir,
      };
      const first = await timed(() => sync(options));
      if (first.value.counts.updated !== ROWS)
        throw new Error(
          `first sync updated ${first.value.counts.updated}/${ROWS}: ${JSON.stringify(first.value.counts)}`,
        );
      const before = mock.state().requests.total;

      const mapping = await loadMapping(mappingPath);
      const checked = await timed(() => validate({ source: createCsvSource(source), mappingPath: mapping }));
      // For context only: the re-run also writes a results file, which plain validate() does not.
      const checkedWithResults = await timed(() =>
        validate({
          source: createCsvSource(source),
          mappingPath: mapping,
          resultsPath: join(dir, "validate.results.csv"),
        }),
      );
      const second = await timed(() => sync(options));
      const sent = mock.state().requests.total - before;
      const ratio = second.ms / checked.ms;
      return {
        name: this.name,
        setup: `${ROWS / 1000}k rows`,
        measured: `${second.value.requests.total} req, ${fixed(second.ms / 1000, 2)} s = ${fixed(ratio, 2)}× validate`,
        ideal: `0 req, ≤ ${MAX_RATIO}× validate (${fixed(checked.ms / 1000, 2)} s)`,
        pass:
          second.value.requests.total === 0 &&
          sent === 0 &&
          second.value.counts.unchanged === ROWS &&
          ratio <= MAX_RATIO,
        notes: [
          `re-run: mock saw ${sent} requests, unchanged ${second.value.counts.unchanged}/${ROWS}, report.durationMs ${second.value.durationMs}`,
          `first (populating) sync: ${first.value.requests.total} requests (${byActionText(first.value.requests.byAction)}) in ${fixed(first.ms / 1000, 2)} s = ${fixed(first.value.requests.total / (first.ms / 1000), 0)} req/s`,
          `validate(): ${fixed(checked.ms / 1000, 2)} s, counts ${JSON.stringify(checked.value.counts)}; validate() writing a results file: ${fixed(checkedWithResults.ms / 1000, 2)} s (re-run = ${fixed(second.ms / checkedWithResults.ms, 2)}× that)`,
        ],
      };
    } finally {
      await mock.close();
    }
  },
};
