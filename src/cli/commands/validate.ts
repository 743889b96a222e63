import { resolve } from "node:path";
import { check, rules } from "../../options.js";
import { formatProblem } from "../../core/format-problem.js";
import { loadMapping } from "../../mapping/load-mapping.js";
import { createSource } from "../../sources/create-source.js";
import type { Source } from "../../sources/source.js";
import { validate, type ValidateReport } from "../../validate.js";
import type { CliCommand, CliIO } from "../command.js";
import { numberFlag } from "../flag-values.js";
import { CLI_NAMING } from "../naming.js";
import { readSourceFlags, sourceFormatOptions, type CliSourceFlags } from "../source-flags.js";

/** Problems printed on stderr; the rest are in --json (first 1000) and the results file (all). */
const PRINTED_PROBLEMS = 20;

/** Source from a --source value (CSV path, `-`, or a Google Sheet), relative to the CLI's working directory. */
export function sourceFromFlag(
  spec: string,
  flags: CliSourceFlags,
  io: CliIO,
  onWarning?: (message: string) => void,
): Source {
  const source = createSource(spec, {
    cwd: io.cwd,
    ...(onWarning ? { onWarning } : {}),
    env: io.env,
    ...(flags.delimiter !== undefined ? { delimiter: flags.delimiter } : {}),
    ...(flags.encoding !== undefined ? { encoding: flags.encoding } : {}),
    ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
    ...(flags.headerRow !== undefined ? { headerRow: flags.headerRow } : {}),
    ...(spec === "-" ? { stdin: process.stdin } : {}),
  });
  return source;
}

export function renderValidateSummary(report: ValidateReport, label: string): string {
  const { counts } = report;
  const lines = [
    `Checked ${counts.total} row${counts.total === 1 ? "" : "s"} of ${label} in ${(report.durationMs / 1000).toFixed(1)}s (no API calls).`,
    ...(report.readAs !== undefined ? [`  ${report.readAs}`] : []),
    `  valid: ${counts.valid}   invalid: ${counts.invalid}   duplicate: ${counts.duplicate}`,
  ];
  if (report.problemCount > 0) {
    const shown = report.problems.slice(0, PRINTED_PROBLEMS);
    lines.push(
      report.problemCount > shown.length
        ? `Problems (first ${shown.length} of ${report.problemCount}):`
        : `Problems (${report.problemCount}):`,
      // `Row 14, column "Telefone": "12345" is not a valid phone number (too short)` — the code is for the results file.
      ...shown.map((p) => `  ${formatProblem({ row: p.row, column: p.column, message: p.message })}`),
    );
  }
  if (report.results) lines.push(`Results written to ${report.results}`);
  else if (report.problemCount > PRINTED_PROBLEMS)
    lines.push("Use --results PATH to get every problem beside its row.");
  return `${lines.join("\n")}\n`;
}

export const validateCommand: CliCommand = {
  command: "validate",
  describe: "Read and check every row against the mapping; makes no API call",
  builder: (y) =>
    y
      .options({
        // nargs 1 lets yargs take a lone "-" (stdin) as the value instead of a stray argument.
        source: {
          type: "string",
          nargs: 1,
          demandOption: true,
          describe: "CSV file, - for stdin, an .xlsx workbook, a Google Sheets URL, or sheets:ID",
        },
        mapping: { type: "string", demandOption: true, describe: "Mapping file (JSON with comments)" },
        results: { type: "string", describe: "Write every row with its status and error to this CSV" },
        limit: { describe: "Check only the first N rows" },
        ...sourceFormatOptions,
        json: { type: "boolean", default: false, describe: "Print one JSON report on stdout" },
        quiet: { type: "boolean", default: false, describe: "Print nothing on stderr (exit code only)" },
      })
      .example("$0 validate --source contatos.csv --mapping mapping.json", "check a file before syncing"),
  run: async (args, io) => {
    const typedLimit = numberFlag(args, "limit");
    const limit =
      typedLimit === undefined ? undefined : check<number>("limit", typedLimit, rules.integerFrom(1), CLI_NAMING);
    const warn = (message: string) => (args.quiet ? undefined : io.stderr.write(`warning: ${message}\n`));
    const source = sourceFromFlag(String(args.source), readSourceFlags(args), io, warn);
    let readAs: string | undefined;
    let report: ValidateReport;
    try {
      report = await validate({
        source,
        mappingPath: await loadMapping(resolve(io.cwd, String(args.mapping)), String(args.mapping)),
        ...(args.results !== undefined ? { resultsPath: resolve(io.cwd, String(args.results)) } : {}),
        ...(limit !== undefined ? { limit } : {}),
        signal: io.signal,
        onRead: (message) => (readAs = message),
      });
    } catch (error) {
      // How the file was read explains many a mapping error ("the header has one column": a wrong delimiter).
      if (readAs !== undefined && !args.quiet) io.stderr.write(`${readAs}\n`);
      throw error;
    }
    if (args.json) {
      io.stdout.write(
        `${JSON.stringify({
          ok: report.ok,
          exitCode: report.exitCode,
          counts: report.counts,
          problems: report.problems,
          problemCount: report.problemCount,
          ...(report.results ? { results: report.results } : {}),
          durationMs: report.durationMs,
        })}\n`,
      );
    }
    if (!args.quiet) io.stderr.write(renderValidateSummary(report, String(args.source)));
    return report.exitCode;
  },
};
