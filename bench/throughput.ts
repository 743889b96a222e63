import { byActionText, fixed, startChildMock, timedSync, updateFixture, type Bench } from "./lib.js";

const ROWS = 2_000;
const CONCURRENCY = 8;
const LATENCY_MS = 50;

/** With latency L and concurrency C, throughput reaches ≥ 90 % of C/L. The mock runs in its own process. */
export const throughput: Bench = {
  name: "throughput",
  title: "2 000 updates of existing chats, no rate cap: req/s vs the ideal C/L",
  async run(dir) {
    const { source, numbers, mapping } = await updateFixture(dir, ROWS);
    const mock = await startChildMock(["--latency", String(LATENCY_MS), "--existing", numbers.join(",")]);
    try {
      const { value: report, ms } = await timedSync(dir, {
        source,
        mapping,
        connection: mock.connection,
        concurrency: CONCURRENCY,
        rate: Infinity,
      });
      const mockState = await mock.state();
      const log = mockState.log;
      const rate = report.requests.total / (ms / 1000);
      const ideal = CONCURRENCY / (LATENCY_MS / 1000);
      const arrivals = log.map((e) => e.at);
      const span = (Math.max(...arrivals) - Math.min(...arrivals) + LATENCY_MS) / 1000;
      return {
        name: this.name,
        setup: `C=${CONCURRENCY} L=${LATENCY_MS}ms`,
        measured: `${fixed(rate)} req/s`,
        ideal: `${fixed(ideal)} req/s (≥ 90%: ${fixed(ideal * 0.9)})`,
        pass: rate >= ideal * 0.9 && report.counts.updated === ROWS,
        notes: [
          `${report.requests.total} requests (mock saw ${log.length}: ${byActionText(mockState.requests.byAction)}) in ${fixed(ms / 1000, 2)} s wall`,
          `mock-side rate first→last arrival ${fixed(log.length / span)} req/s; updated ${report.counts.updated}/${ROWS}, failed ${report.counts.failed}`,
        ],
      };
    } finally {
      await mock.close();
    }
  },
};
