/**
 * Child process for the kill -9 test: opens a state store and updates it as fast as it can from several workers,
 * printing each index only after its update resolved (stdout to a pipe is synchronous on Linux/macOS, so a printed
 * index was acknowledged before any later SIGKILL).
 * Usage: node --import tsx test/helpers/kill-writer.ts <statePath> <distinctKeys>
 */
import { openNdjsonStateStore } from "../../src/state/ndjson-state-store.js";

const [statePath, distinctKeysArg] = process.argv.slice(2);
if (!statePath) throw new Error("usage: kill-writer.ts <statePath> <distinctKeys>");
const distinctKeys = Number(distinctKeysArg ?? "500");

const store = await openNdjsonStateStore(statePath, { compactMinRecords: 50 });
process.stdout.write("ready\n");

let next = 0;
async function worker(): Promise<never> {
  for (;;) {
    const i = next++;
    await store.update(`k${i % distinctKeys}`, { rowNumber: i, hash: `h${i}`, addStatus: "intent" });
    process.stdout.write(`${i}\n`);
  }
}
await Promise.all(Array.from({ length: 6 }, worker));
