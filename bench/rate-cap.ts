import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { busiestWindow, byActionText, connectionFor, fixed, timedSync, updateFixture, type Bench } from "./lib.js";

const ROWS = 2_000;
const RATE = 40;
const CONCURRENCY = 8;
const LATENCY_MS = 10;

/** With --rate R the busiest 1-second window holds ≤ R requests and the run uses ≥ 95 % of R. */
export const rateCap: Bench = {
  name: "rate-cap",
  title: "2 000 updates at --rate 40: busiest 1 s window of arrivals ≤ R, average ≥ 95% of R",
  async run(dir) {
    const { source, numbers, mapping } = await updateFixture(dir, ROWS);
    const mock = await startMockServer({ latencyMs: LATENCY_MS, existingChats: numbers });
    try {
      const { value: report, ms } = await timedSync(dir, {
        source,
        mapping,
        connection: connectionFor(mock),
        concurrency: CONCURRENCY,
        rate: RATE,
      });
      const state = mock.state();
      const arrivals = state.log.map((e) => e.at);
      const busiest = busiestWindow(arrivals, 1000);
      const average = report.requests.total / (ms / 1000);
      const first = Math.min(...arrivals);
      const spanS = (Math.max(...arrivals) - first) / 1000;
      // Is an excess only the start-up burst (new sockets) or does it recur? Busiest window once 2 s have passed.
      const steady = busiestWindow(
        arrivals.filter((t) => t >= first + 2000),
        1000,
      );
      return {
        name: this.name,
        setup: `R=${RATE} C=${CONCURRENCY} L=${LATENCY_MS}ms`,
        measured: `busiest 1s ${busiest.count}, avg ${fixed(average)} req/s`,
        ideal: `≤ ${RATE}, ≥ ${fixed(RATE * 0.95)} req/s`,
        pass: busiest.count <= RATE && average >= RATE * 0.95 && report.counts.updated === ROWS,
        notes: [
          `${report.requests.total} requests (mock saw ${state.log.length}: ${byActionText(state.requests.byAction)}) in ${fixed(ms / 1000, 2)} s wall; first→last arrival ${fixed(spanS, 2)} s`,
          `updated ${report.counts.updated}/${ROWS}; busiest window starts ${busiest.start - first} ms after the first arrival; busiest after the first 2 s: ${steady.count} (at +${steady.start - first} ms)`,
        ],
      };
    } finally {
      await mock.close();
    }
  },
};
