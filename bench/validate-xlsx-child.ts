/**
 * One measured `validate()` pass over a CSV or .xlsx source in its own process, so its peak RSS
 * (process.resourceUsage().maxRSS) belongs to that pass alone. Prints one JSON line on stdout.
 *
 *   node --import tsx bench/validate-xlsx-child.ts <source.csv|source.xlsx> <mapping.json>
 */
import { loadMapping } from "../src/mapping/load-mapping.js";
import { createSource } from "../src/sources/create-source.js";
import { validate } from "../src/validate.js";

export interface XlsxChildReport {
  rows: number;
  ms: number;
  /** Peak resident set size of the whole child process, in bytes. */
  maxRssBytes: number;
  counts: { total: number; valid: number; invalid: number; duplicate: number };
}

async function main(): Promise<void> {
  const [source, mappingPath] = process.argv.slice(2);
  if (!source || !mappingPath) throw new Error("usage: validate-xlsx-child.ts <source> <mapping.json>");
  const mapping = await loadMapping(mappingPath);
  const started = performance.now();
  const result = await validate({ source: createSource(source), mappingPath: mapping });
  const report: XlsxChildReport = {
    rows: result.counts.total,
    ms: performance.now() - started,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    counts: result.counts,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
