import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixed, mb, mobile, runTsChild, writeLines, type Bench } from "./lib.js";

const KEYS = 1_000_000;
const RSS_BAR_BYTES = 400 * 1024 * 1024;
const REOPEN_BAR_MS = 3_000;
const CHILD = fileURLToPath(new URL("./journal-child.ts", import.meta.url));

/** What a finished sync leaves per row: one patch line with the number, hash, outcome (as the store writes them). */
function* journalLines(): Generator<string> {
  yield JSON.stringify({ v: 1, type: "header", createdAt: "2026-11-29T10:00:00.000Z" });
  for (let i = 0; i < KEYS; i++) {
    const number = mobile(i, String(11 + (i % 89)).padStart(2, "0"));
    yield JSON.stringify({
      k: number,
      number,
      phone: number,
      hash: (i * 2654435761).toString(16).padStart(16, "0").slice(0, 16) + "a1b2c3d4e5f6a7b8",
      lastOutcome: "updated",
      rowNumber: i + 2,
      syncedAt: "2026-11-29T10:00:00.000Z",
      t: "2026-11-29T10:00:00.000Z",
    });
  }
}

interface ChildReport {
  ms: number;
  keys: number;
  closeMs: number;
  maxRssBytes: number;
}

/**
 * A 1 000 000-row sync's journal keeps the process ≤ 400 MB RSS; re-opening it takes ≤ 3 s. Three processes:
 * the first open after an upgrade (every line replayed), the sync-like open whose clean close writes the snapshot,
 * and the next run's open from that snapshot — what a scheduled sync does every few minutes.
 */
export const journal1m: Bench = {
  name: "journal-1m",
  title: "re-open the journal of a 1 000 000-row sync (replayed, then from its snapshot): time and peak RSS",
  async run(dir) {
    const path = join(dir, "journal.ndjson");
    await writeLines(path, journalLines());
    const child = (...args: string[]) => runTsChild<ChildReport>(CHILD, [path, ...args]);
    const replayed = await child();
    const closing = await child("--locked");
    const snapshot = await child();
    const within = (r: ChildReport) => r.ms <= REOPEN_BAR_MS && r.maxRssBytes <= RSS_BAR_BYTES && r.keys === KEYS;
    return {
      name: this.name,
      setup: `${KEYS / 1000}k keys ${mb(statSync(path).size)}`,
      measured:
        `${fixed(snapshot.ms / 1000, 2)} s, peak RSS ${mb(snapshot.maxRssBytes)} from the snapshot; ` +
        `${fixed(replayed.ms / 1000, 2)} s, ${mb(replayed.maxRssBytes)} replayed`,
      ideal: `≤ ${REOPEN_BAR_MS / 1000} s, ≤ ${mb(RSS_BAR_BYTES)}`,
      pass: within(replayed) && within(snapshot) && closing.maxRssBytes <= RSS_BAR_BYTES,
      notes: [
        `${replayed.keys} keys replayed; ${snapshot.keys} from the snapshot (${mb(statSync(`${path}.snap`).size)})`,
        `a sync-like open + close that writes the snapshot: open ${fixed(closing.ms / 1000, 2)} s, close ` +
          `${fixed(closing.closeMs / 1000, 2)} s, peak RSS ${mb(closing.maxRssBytes)}`,
      ],
    };
  },
};
