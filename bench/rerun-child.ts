/**
 * The timed part of the rerun-unchanged bench, in a process of its own, as a scheduled re-run runs: a fresh heap and
 * fresh compiled code, not the bench runner's (whose earlier benches leave garbage for the collector to walk).
 * validate() and the re-run alternate RUNS times; prints one JSON line with every time and what each re-run did.
 *
 *   node --import tsx bench/rerun-child.ts <options.json> <runs>
 */
import { readFileSync } from "node:fs";
import { loadMapping } from "../src/mapping/load-mapping.js";
import { createCsvSource } from "../src/sources/csv-source.js";
import { sync, type SyncOptions } from "../src/sync.js";
import { validate } from "../src/validate.js";

export interface RerunChildReport {
  checks: number[];
  reruns: Array<{ ms: number; requests: number; unchanged: number }>;
}

async function main(): Promise<void> {
  const [optionsPath, runs] = process.argv.slice(2);
  if (!optionsPath || !runs) throw new Error("usage: rerun-child.ts <options.json> <runs>");
  const options = JSON.parse(readFileSync(optionsPath, "utf8")) as SyncOptions & { source: string; mapping: string };
  const mapping = await loadMapping(options.mapping);
  const report: RerunChildReport = { checks: [], reruns: [] };
  for (let i = 0; i < Number(runs); i++) {
    let started = performance.now();
    await validate({ source: createCsvSource(options.source), mappingPath: mapping });
    report.checks.push(performance.now() - started);
    started = performance.now();
    const again = await sync(options);
    report.reruns.push({
      ms: performance.now() - started,
      requests: again.requests.total,
      unchanged: again.counts.unchanged,
    });
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
