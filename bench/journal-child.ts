/**
 * Opens a journal in its own process, as a scheduled sync does at start, and prints one JSON line: how long the open
 * (replay into the in-memory index, or the snapshot) took, how many keys it holds, how long close took and the
 * process's peak RSS. `--locked` opens it as a sync does (lock, clean mark), so close also writes the snapshot.
 *
 *   node --import tsx bench/journal-child.ts <journal.ndjson> [--locked]
 */
import { openNdjsonStateStore } from "../src/state/ndjson-state-store.js";

async function main(): Promise<void> {
  const [path, mode] = process.argv.slice(2);
  if (!path) throw new Error("usage: journal-child.ts <journal.ndjson> [--locked]");
  const locked = mode === "--locked";
  const started = performance.now();
  const store = await openNdjsonStateStore(path, locked ? { lock: true, mark: true } : { lock: false });
  const ms = performance.now() - started;
  const keys = store.size;
  const closing = performance.now();
  await store.close();
  const closeMs = performance.now() - closing;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ ms, keys, closeMs, maxRssBytes })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
