/**
 * Opens a journal in its own process, as a scheduled sync does at start, and prints one JSON line: how long the open
 * (replay into the in-memory index) took, how many keys it holds and the process's peak RSS.
 *
 *   node --import tsx bench/journal-child.ts <journal.ndjson>
 */
import { openNdjsonStateStore } from "../src/state/ndjson-state-store.js";

async function main(): Promise<void> {
  const [path] = process.argv.slice(2);
  if (!path) throw new Error("usage: journal-child.ts <journal.ndjson>");
  const started = performance.now();
  const store = await openNdjsonStateStore(path, { lock: false });
  const ms = performance.now() - started;
  const keys = store.size;
  await store.close();
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ ms, keys, maxRssBytes })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
