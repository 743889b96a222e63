import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { byActionText, connectionFor, fixed, timedSync, updateFixture, type Bench } from "./lib.js";

const ROWS = 600;
const SERVER_LIMIT = 20;
const RATE = 50;
const CONCURRENCY = 4;
const LATENCY_MS = 10;
/** The mock answers `Retry-After: 1`. */
const RETRY_AFTER_MS = 1_000;

/**
 * A 429 pauses the WHOLE queue for Retry-After. The server allows 20 req/s while the run asks for 50, so 429s
 * keep coming; during each pause only the requests already in flight may still arrive (≤ concurrency).
 */
export const rateLimitStorm: Bench = {
  name: "rate-limit-storm",
  title: "600 updates at --rate 50 against a 20 req/s server: every row done, ≤ C arrivals per Retry-After pause",
  async run(dir) {
    const { source, numbers, mapping } = await updateFixture(dir, ROWS);
    const mock = await startMockServer({ latencyMs: LATENCY_MS, rateLimit: SERVER_LIMIT, existingChats: numbers });
    try {
      const { value: report, ms } = await timedSync(dir, {
        source,
        mapping,
        connection: connectionFor(mock),
        concurrency: CONCURRENCY,
        rate: RATE,
      });
      const state = mock.state();
      const arrivals = state.log.map((e) => e.at).sort((a, b) => a - b);
      const limited = state.log.filter((e) => e.status === 429).map((e) => e.at);
      let maxDuring = 0;
      let worstAt = 0;
      for (const t of limited) {
        // Arrivals strictly after this 429 and inside its Retry-After window (the 429 itself excluded).
        const during = arrivals.filter((a) => a > t && a < t + RETRY_AFTER_MS).length;
        if (during > maxDuring) {
          maxDuring = during;
          worstAt = t;
        }
      }
      const done = report.counts.updated;
      const t0 = arrivals[0] ?? 0;
      return {
        name: this.name,
        setup: `limit=${SERVER_LIMIT}/s R=${RATE} C=${CONCURRENCY}`,
        measured: `${done}/${ROWS} rows, ${limited.length}×429, max ${maxDuring} arrivals/pause`,
        ideal: `${ROWS}/${ROWS} rows, ≤ ${CONCURRENCY} arrivals/pause`,
        pass: done === ROWS && maxDuring <= CONCURRENCY,
        notes: [
          `${fixed(ms / 1000, 2)} s wall (server-bound minimum ${fixed(ROWS / SERVER_LIMIT, 1)} s); report: ${report.requests.total} requests, ${report.requests.retries} retries`,
          `mock saw ${state.requests.total} (${byActionText(state.requests.byAction)}); worst pause starts ${limited.length ? worstAt - t0 : 0} ms after the first arrival`,
        ],
      };
    } finally {
      await mock.close();
    }
  },
};
