/**
 * Runs ONE measured pass in its own process so its peak RSS (process.resourceUsage().maxRSS) is not polluted by the
 * bench runner or the other pass. Prints one JSON line on stdout.
 *
 *   node --import tsx bench/validate-child.ts parse <csv>
 *   node --import tsx bench/validate-child.ts validate <csv> <mapping.json>
 */
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { loadMapping } from "../src/mapping/load-mapping.js";
import { createCsvSource } from "../src/sources/csv-source.js";
import { validate } from "../src/validate.js";

export interface ChildReport {
  mode: "parse" | "validate";
  rows: number;
  ms: number;
  /** Peak resident set size of the whole child process, in bytes. */
  maxRssBytes: number;
  counts?: { total: number; valid: number; invalid: number; duplicate: number };
  problemCount?: number;
}

/** The floor: csv-parse alone, streaming the file and consuming every record (same options as the CSV source). */
async function bareParse(csv: string): Promise<number> {
  const parser = createReadStream(csv).pipe(
    parse({ delimiter: ",", bom: true, relax_column_count: true, relax_quotes: true }),
  );
  let rows = -1; // the header is not a data row
  let cells = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rows++;
    cells += record.length;
  }
  if (cells === 0) throw new Error("no cells parsed");
  return rows;
}

async function main(): Promise<void> {
  const [mode, csv, mappingPath] = process.argv.slice(2);
  if (!csv || (mode !== "parse" && mode !== "validate") || (mode === "validate" && !mappingPath)) {
    throw new Error("usage: validate-child.ts parse <csv> | validate <csv> <mapping.json>");
  }
  let report: ChildReport;
  if (mode === "parse") {
    const started = performance.now();
    const rows = await bareParse(csv);
    report = { mode, rows, ms: performance.now() - started, maxRssBytes: 0 };
  } else {
    const mapping = await loadMapping(mappingPath!);
    const started = performance.now();
    const result = await validate({ source: createCsvSource(csv), mappingPath: mapping });
    report = {
      mode,
      rows: result.counts.total,
      ms: performance.now() - started,
      maxRssBytes: 0,
      counts: result.counts,
      problemCount: result.problemCount,
    };
  }
  report.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
