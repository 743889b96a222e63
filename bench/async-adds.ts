import { join } from "node:path";
import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import {
  byActionText,
  connectionFor,
  countBy,
  fixed,
  timedSync,
  writeContactsCsv,
  writeJson,
  type Bench,
} from "./lib.js";

const ROWS = 1_000;
const RATE = 50;
const CONCURRENCY = 8;
const ADD_DELAY_MS = 5_000;
/** "≈": within 10 % of the rate-bound time plus one delay. */
const TOLERANCE = 1.1;

/**
 * 1 000 creates with a 5 s chat_add delay take ≈ the rate-bound time plus one delay, not N × delay — polling
 * chat_add_status must not hold a worker slot. Default poll schedule (first ~3 s, backing off to ~30 s).
 */
export const asyncAdds: Bench = {
  name: "async-adds",
  title: "1 000 creates, chat_add pending 5 s, --rate 50: wall ≈ requests/R + 5 s, not N × 5 s",
  async run(dir) {
    const source = join(dir, "contacts.csv");
    await writeContactsCsv(source, ROWS, { ddd: "21" });
    const mapping = writeJson(join(dir, "mapping.json"), {
      mode: "create",
      phone: { column: "Telefone" },
      name: "Nome",
      custom_fields: { Etapa: "Etapa" },
    });
    const mock = await startMockServer({ addDelayMs: ADD_DELAY_MS });
    try {
      const { value: report, ms } = await timedSync(dir, {
        source,
        mapping,
        connection: connectionFor(mock),
        concurrency: CONCURRENCY,
        rate: RATE,
      });
      const state = mock.state();
      const requests = report.requests.total;
      const idealMs = (requests / RATE) * 1000 + ADD_DELAY_MS;
      const serialS = (ROWS * ADD_DELAY_MS) / 1000;
      const statuses = countBy(
        state.log.filter((e) => e.action === "chat_add_status"),
        () => "polls",
      );
      const polls = statuses.polls ?? 0;
      return {
        name: this.name,
        setup: `N=${ROWS} R=${RATE} C=${CONCURRENCY} D=5s`,
        measured: `${fixed(ms / 1000)} s`,
        ideal: `${fixed(idealMs / 1000)} s = ${requests}/${RATE} + 5 s (≤ ${Math.round((TOLERANCE - 1) * 100)}% over; N×D = ${serialS} s)`,
        pass: ms <= idealMs * TOLERANCE && report.counts.created === ROWS,
        notes: [
          `requests by action (report): ${byActionText(report.requests.byAction)}; total ${requests}, retries ${report.requests.retries}`,
          `mock saw ${state.requests.total} (${byActionText(state.requests.byAction)}); ${fixed(polls / ROWS, 2)} chat_add_status polls per add`,
          `created ${report.counts.created}/${ROWS}, pending ${report.counts.pending}, failed ${report.counts.failed}`,
        ],
      };
    } finally {
      await mock.close();
    }
  },
};
