import { resolve } from "node:path";
import { check, rules } from "../../options.js";
import { problemText } from "../../messages/problem.js";
import { ENGLISH, type Speaker } from "../../messages/translate.js";
import { loadMapping } from "../../mapping/load-mapping.js";
import { createSource } from "../../sources/create-source.js";
import type { Source } from "../../sources/source.js";
import { validate, type ValidateReport } from "../../validate.js";
import type { CliCommand, CliIO } from "../command.js";
import { numberFlag } from "../flag-values.js";
import { CLI_NAMING } from "../naming.js";
import { readSourceFlags, sourceFormatOptions, type CliSourceFlags } from "../source-flags.js";
import type { Text } from "../../core/text.js";

/** Problems printed on stderr; the rest are in --json (first 1000) and the results file (all). */
const PRINTED_PROBLEMS = 20;

/** Source from a --source value (CSV path, `-`, or a Google Sheet), relative to the CLI's working directory. */
export function sourceFromFlag(
  spec: string,
  flags: CliSourceFlags,
  io: CliIO,
  onWarning?: (message: string, said?: Text) => void,
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

export function renderValidateSummary(report: ValidateReport, label: string, sp: Speaker = ENGLISH): string {
  const { counts } = report;
  const readAs = report.readAsText ?? report.readAs;
  const lines = [
    sp.t("validate.checked", { n: counts.total, label, seconds: report.durationMs / 1000 }),
    ...(readAs !== undefined ? [`  ${sp.say(readAs)}`] : []),
    `  ${sp.t("validate.counts", counts)}`,
  ];
  if (report.problemCount > 0) {
    const shown = report.problems.slice(0, PRINTED_PROBLEMS);
    lines.push(
      report.problemCount > shown.length
        ? sp.t("validate.problemsSome", { shown: shown.length, total: report.problemCount })
        : sp.t("validate.problemsAll", { total: report.problemCount }),
      // `Row 14, column "Telefone": "12345" is not a valid phone number (too short)` — the code is for the results file.
      ...shown.map(
        (p) => `  ${sp.say(problemText({ row: p.row, column: p.column, message: p.message, text: p.text }))}`,
      ),
    );
  }
  if (report.results) lines.push(sp.t("validate.resultsWritten", { path: report.results }));
  else if (report.problemCount > PRINTED_PROBLEMS) lines.push(sp.t("validate.useResults"));
  return `${lines.join("\n")}\n`;
}

export const validateCommand: CliCommand = {
  command: "validate",
  describe: "help.cmd.validate",
  builder: (y, sp) =>
    y
      .options({
        // nargs 1 lets yargs take a lone "-" (stdin) as the value instead of a stray argument.
        source: { type: "string", nargs: 1, demandOption: true, describe: sp.t("help.opt.source") },
        mapping: { type: "string", demandOption: true, describe: sp.t("help.opt.validateMapping") },
        results: { type: "string", describe: sp.t("help.opt.validateResults") },
        limit: { describe: sp.t("help.opt.validateLimit") },
        ...sourceFormatOptions(sp),
        json: { type: "boolean", default: false, describe: sp.t("help.opt.validateJson") },
        quiet: { type: "boolean", default: false, describe: sp.t("help.opt.validateQuiet") },
      })
      .example("$0 validate --source contatos.csv --mapping mapping.json", sp.t("help.ex.validate")),
  run: async (args, io) => {
    const typedLimit = numberFlag(args, "limit");
    const limit =
      typedLimit === undefined ? undefined : check<number>("limit", typedLimit, rules.integerFrom(1), CLI_NAMING);
    const sp = io.speaker ?? ENGLISH;
    const warn = (message: string, said?: Text) =>
      args.quiet ? undefined : io.stderr.write(`${sp.t("prefix.warning", { message: said ?? message })}\n`);
    const source = sourceFromFlag(String(args.source), readSourceFlags(args), io, warn);
    let readAs: string | undefined;
    let report: ValidateReport;
    try {
      report = await validate({
        source,
        mappingPath: await loadMapping(resolve(io.cwd, String(args.mapping)), String(args.mapping)),
        ...(args.results !== undefined ? { resultsPath: resolve(io.cwd, String(args.results)) } : {}),
        ...(limit !== undefined ? { limit } : {}),
        language: sp.language,
        signal: io.signal,
        onRead: (message, said) => (readAs = sp.say(said ?? message)),
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
    if (!args.quiet) io.stderr.write(renderValidateSummary(report, String(args.source), sp));
    return report.exitCode;
  },
};
