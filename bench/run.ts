/**
 * `npm run bench [-- name …]`: the project's quality bars, measured against the in-process mock server.
 * stdout: ONE line per benchmark (measured beside ideal, PASS/MISS), then a summary table. stderr: details.
 * Exit code 0 even on MISS — benchmarks inform, they don't gate — and 1 only if a benchmark crashed.
 */
import { asyncAdds } from "./async-adds.js";
import { type Bench, type BenchResult, removeDir, tempDir } from "./lib.js";
import { rateCap } from "./rate-cap.js";
import { rateLimitStorm } from "./rate-limit-storm.js";
import { journal1m } from "./journal-1m.js";
import { nationwide } from "./nationwide.js";
import { quickPaths } from "./quick-paths.js";
import { requestsPerRow } from "./requests-per-row.js";
import { rerunUnchanged } from "./rerun-unchanged.js";
import { sheetsSync } from "./sheets-sync.js";
import { throughput } from "./throughput.js";
import { validate1m } from "./validate-1m.js";
import { validateXlsx } from "./validate-xlsx.js";

const BENCHES: readonly Bench[] = [
  throughput,
  rateCap,
  asyncAdds,
  rateLimitStorm,
  validate1m,
  validateXlsx,
  rerunUnchanged,
  sheetsSync,
  requestsPerRow,
  nationwide,
  journal1m,
  quickPaths,
];

function usage(): string {
  return `usage: npm run bench [-- <name> …] [--keep]\n${BENCHES.map((b) => `  ${b.name.padEnd(18)} ${b.title}`).join("\n")}`;
}

function resultLine(r: BenchResult): string {
  return `${r.name.padEnd(17)} ${r.setup.padEnd(22)} measured ${r.measured}  ideal ${r.ideal}  ${r.pass ? "PASS" : "MISS"}`;
}

/**
 * Process warnings raised by the library during a benchmark. Node's default printer is replaced so a warning repeated
 * hundreds of times (e.g. MaxListenersExceededWarning from a sink) becomes ONE counted note on that benchmark.
 */
const warnings = new Map<string, number>();
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  const key = `${warning.name}: ${warning.message.replace(/^\(node:\d+\) /, "")}`;
  warnings.set(key, (warnings.get(key) ?? 0) + 1);
});

function takeWarnings(): string[] {
  const notes = [...warnings].map(([text, n]) => `warning ×${n}: ${text}`);
  warnings.clear();
  return notes;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h") || args.includes("--list")) {
    console.log(usage());
    return 0;
  }
  const keep = args.includes("--keep");
  const names = args.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.map((n) => `"${n}"`).join(", ")}.\n${usage()}`);
    return 2;
  }
  const selected = names.length > 0 ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES;

  const rows: Array<{ name: string; verdict: string; measured: string; ideal: string; seconds: number }> = [];
  let crashed = 0;
  const started = performance.now();
  for (const bench of selected) {
    const dir = tempDir(bench.name);
    const t0 = performance.now();
    process.stderr.write(`▶ ${bench.name}: ${bench.title} …\n`);
    try {
      const result = await bench.run(dir);
      const secs = (performance.now() - t0) / 1000;
      console.log(resultLine(result));
      for (const note of [...(result.notes ?? []), ...takeWarnings()]) process.stderr.write(`    ${note}\n`);
      rows.push({
        name: result.name,
        verdict: result.pass ? "PASS" : "MISS",
        measured: result.measured,
        ideal: result.ideal,
        seconds: secs,
      });
    } catch (error) {
      crashed += 1;
      const secs = (performance.now() - t0) / 1000;
      console.log(`${bench.name.padEnd(17)} CRASHED: ${(error as Error).message}`);
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      for (const note of takeWarnings()) process.stderr.write(`    ${note}\n`);
      rows.push({ name: bench.name, verdict: "CRASH", measured: "-", ideal: "-", seconds: secs });
    } finally {
      if (keep) process.stderr.write(`    files kept in ${dir}\n`);
      else removeDir(dir);
    }
  }

  const w = {
    name: Math.max(9, ...rows.map((r) => r.name.length)),
    measured: Math.max(8, ...rows.map((r) => r.measured.length)),
    ideal: Math.max(5, ...rows.map((r) => r.ideal.length)),
  };
  const line = (name: string, verdict: string, measured: string, ideal: string, time: string) =>
    `${name.padEnd(w.name)}  ${verdict.padEnd(7)}  ${measured.padEnd(w.measured)}  ${ideal.padEnd(w.ideal)}  ${time.padStart(7)}`;
  console.log("");
  console.log(line("benchmark", "verdict", "measured", "ideal", "time"));
  console.log("-".repeat(w.name + w.measured + w.ideal + 29));
  for (const r of rows) console.log(line(r.name, r.verdict, r.measured, r.ideal, `${r.seconds.toFixed(1)} s`));
  const pass = rows.filter((r) => r.verdict === "PASS").length;
  const miss = rows.filter((r) => r.verdict === "MISS").length;
  console.log(
    `\n${pass} pass, ${miss} miss, ${crashed} crashed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return crashed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // A stray keep-alive socket must not keep a finished bench alive.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
