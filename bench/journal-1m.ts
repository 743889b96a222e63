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

/** SPEC §9: a 1 000 000-row sync's journal keeps the process ≤ 400 MB RSS; re-opening it takes ≤ 3 s. */
export const journal1m: Bench = {
  name: "journal-1m",
  title: "re-open the journal of a 1 000 000-row sync: time and peak RSS",
  async run(dir) {
    const path = join(dir, "journal.ndjson");
    await writeLines(path, journalLines());
    const r = await runTsChild<{ ms: number; keys: number; maxRssBytes: number }>(CHILD, [path]);
    return {
      name: this.name,
      setup: `${KEYS / 1000}k keys ${mb(statSync(path).size)}`,
      measured: `${fixed(r.ms / 1000, 2)} s, peak RSS ${mb(r.maxRssBytes)}`,
      ideal: `≤ ${REOPEN_BAR_MS / 1000} s, ≤ ${mb(RSS_BAR_BYTES)}`,
      pass: r.ms <= REOPEN_BAR_MS && r.maxRssBytes <= RSS_BAR_BYTES && r.keys === KEYS,
      notes: [`${r.keys} keys replayed`],
    };
  },
};
