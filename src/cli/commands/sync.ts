import { resolve } from "node:path";
import type { Argv } from "yargs";
import type { ChatGuruConnection } from "../../chatguru/types.js";
import { sleep } from "../../util/sleep.js";
import type { SyncReport } from "../../engine/report.js";
import type { SyncEvent } from "../../engine/events.js";
import { ExitCode } from "../../core/exit-code.js";
import { isSyncError } from "../../errors.js";
import { exitCodeOf } from "../exit-code.js";
import { check, normalizeSyncOptions, rules } from "../../options.js";
import { CLI_NAMING } from "../naming.js";
import { isSheetsSpec } from "../../sheets/sheets-spec.js";
import { sync, type SyncOptions } from "../../sync.js";
import type { CliCommand, CliIO } from "../command.js";
import { connectionOptions, resolveConnection, testWaits } from "../env.js";
import { estimateRows } from "../estimate-rows.js";
import { responseLine, SyncRenderer, summaryLine } from "../render.js";
import { RunLog } from "../run-log.js";
import { sourceFormatOptions } from "../source-flags.js";
import { numberFlag, textFlag } from "../flag-values.js";
import { rowListFlag } from "../row-list.js";
import { InFlightRows, reportOnForcedExit } from "../in-flight-rows.js";

export const sourceOptions = {
  // nargs 1 lets yargs take a lone "-" (stdin) as the value instead of a stray argument.
  source: {
    type: "string",
    nargs: 1,
    demandOption: true,
    describe: "CSV file, - for stdin, an .xlsx workbook, a Google Sheets URL, or sheets:ID",
  },
  mapping: { type: "string", demandOption: true, describe: "Column-mapping file (JSON with comments)" },
  ...sourceFormatOptions,
} as const;

export const runOptions = {
  ...connectionOptions,
  // Numbers are untyped and their defaults applied by normalizeSyncOptions(): see numberFlag().
  concurrency: { describe: "Requests in flight at once", defaultDescription: "4" },
  rate: { describe: "Requests per second across all actions (0 = no cap)", defaultDescription: "5" },
  results: { type: "string", describe: "Results CSV (default: <source>.results.csv beside the source)" },
  state: { type: "string", describe: "State journal (default: .chatguru-sync/<id>.ndjson)" },
  wait: { type: "boolean", default: true, describe: "Wait for pending chat_add (--no-wait leaves them pending)" },
  "add-timeout": { describe: "Seconds to wait for a chat_add before leaving it pending", defaultDescription: "600" },
  json: { type: "boolean", default: false, describe: "Print exactly one JSON report on stdout" },
  quiet: {
    type: "boolean",
    default: false,
    describe: "Print nothing when the run ends as --fail-on accepts; otherwise a dated summary line and the errors",
  },
  log: { type: "string", describe: "Append one dated line per run to this file (a log a scheduled run keeps)" },
  verbose: {
    type: "boolean",
    default: false,
    describe: "One line per ChatGuru request on stderr: row, action, HTTP status, milliseconds",
  },
  "fail-on": {
    // Checked by normalizeSyncOptions, not yargs' `choices`, so the message is the library's exact one.
    type: "string",
    describe: "Which rows make the exit code 1: invalid (invalid, duplicate or failed), failed, never",
    defaultDescription: "invalid",
  },
  timeout: { describe: "Seconds before one ChatGuru request times out (default 30)" },
  "max-messages": {
    describe: "At most N message_send/message_file_send per run; the rest stay pending for the next run",
    defaultDescription: "500",
  },
  "release-held": {
    // A string, so it takes an optional list of rows; given alone it means every held row.
    type: "string",
    describe:
      "Send what was held (an earlier run may have sent it and its journal is gone): every held row, or ROWS such " +
      "as 5,12,20-25. Rows named also resend a send of unknown outcome (you checked: it is not in the chat)",
  },
  resolve: {
    type: "string",
    describe:
      "Rows whose send of unknown outcome you found in the chat (MESSAGE_UNCERTAIN): ROWS such as 5,12, or every " +
      "such row. Nothing is sent",
  },
  "new-journal": {
    type: "boolean",
    default: false,
    describe:
      "Start a new journal where the old one is empty or was deleted (refused otherwise: notes may be added again)",
  },
} as const;

export { CLI_NAMING } from "../naming.js";

/** The source flags as sync() options. */
function sourceFlagsFor(args: Record<string, unknown>): Partial<SyncOptions> {
  const [sheet, delimiter, encoding] = [
    textFlag(args, "sheet"),
    textFlag(args, "delimiter"),
    textFlag(args, "encoding"),
  ];
  return {
    ...(sheet !== undefined ? { sheet } : {}),
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
  };
}

/**
 * The numeric flags as typed (numberFlag), so normalizeSyncOptions() quotes a bad one exactly; an absent one is left
 * out and takes the library's default.
 */
function numberFlagsFor(args: Record<string, unknown>): Partial<SyncOptions> {
  const options: Record<string, number | string> = {};
  const flags = {
    concurrency: "concurrency",
    // 0 = no cap, as in the library.
    rate: "rate",
    limit: "limit",
    "add-timeout": "addTimeoutSeconds",
    "max-messages": "maxMessages",
    "header-row": "headerRow",
  } as const;
  for (const [flag, key] of Object.entries(flags)) {
    const value = numberFlag(args, flag);
    if (value !== undefined) options[key] = value;
  }
  return options as Partial<SyncOptions>;
}

/**
 * Flags → SyncOptions, checked by the library's own normalizeSyncOptions() (exit 2 with the flag's name) before the
 * connection is resolved, so a bad flag is reported first.
 */
export function buildSyncOptions(
  args: Record<string, unknown>,
  io: CliIO,
  extra: Partial<SyncOptions> = {},
): SyncOptions {
  const options: SyncOptions = {
    source: args.source as string,
    mapping: args.mapping as string,
    ...(args.mode !== undefined ? { mode: args.mode as SyncOptions["mode"] } : {}),
    ...numberFlagsFor(args),
    dryRun: Boolean(args["dry-run"]),
    ...(args.results ? { results: args.results as string } : {}),
    ...(args.state ? { state: args.state as string } : {}),
    full: Boolean(args.full),
    retryFailed: Boolean(args["retry-failed"]),
    wait: args.wait !== false,
    ...sourceFlagsFor(args),
    ...(args["fail-on"] !== undefined ? { failOn: args["fail-on"] as SyncOptions["failOn"] } : {}),
    releaseHeld: rowListFlag(args, "release-held"),
    resolve: rowListFlag(args, "resolve"),
    ...(args["new-journal"] === true ? { newJournal: true } : {}),
    env: io.env,
    cwd: io.cwd,
    signal: io.signal,
    ...testWaits(io.env),
    ...extra,
  };
  normalizeSyncOptions(options, CLI_NAMING);
  const typedTimeout = numberFlag(args, "timeout");
  const timeout =
    typedTimeout === undefined
      ? undefined
      : check<number>("timeout", typedTimeout, rules.numberAbove(0, " of seconds"), CLI_NAMING);
  const flags = {
    apiUrl: args["api-url"] as string | undefined,
    apiKey: args["api-key"] as string | undefined,
    accountId: args["account-id"] as string | undefined,
    phoneId: args["phone-id"] as string | undefined,
    timeout,
  };
  let connection: ChatGuruConnection | undefined;
  try {
    connection = resolveConnection(flags, io.env, { onWarning: (m) => io.stderr.write(`warning: ${m}\n`) });
  } catch (error) {
    // A dry run sends nothing; without a connection it simply has no state to plan from.
    if (!options.dryRun) throw error;
  }
  return { ...options, ...(connection ? { connection } : {}) };
}

/** Runs one sync with rendering; prints the report (JSON or human) and returns the exit code. */
export async function runRendered(
  options: SyncOptions,
  args: Record<string, unknown>,
  io: CliIO,
  log: RunLog = new RunLog(io, args),
): Promise<{ report: SyncReport; code: number }> {
  const json = Boolean(args.json);
  const verbose = Boolean(args.verbose);
  const renderer = new SyncRenderer(io, {
    quiet: Boolean(args.quiet),
    progress: !json,
    verbose,
    label: log.label,
    pendingOnly: options.onlyPending === true,
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
  if (
    renderer.drawsProgress &&
    typeof options.source === "string" &&
    !isSheetsSpec(options.source) &&
    options.source !== "-"
  ) {
    const estimate = await estimateRows(resolve(io.cwd, options.source), options.headerRow);
    if (estimate !== undefined)
      renderer.setEstimate(options.limit !== undefined ? Math.min(estimate, options.limit) : estimate);
  }
  let report: SyncReport;
  const inFlight = new InFlightRows();
  const unregister = reportOnForcedExit(inFlight);
  try {
    report = await sync({
      ...options,
      onEvent: (event) => {
        inFlight.track(event);
        renderer.onEvent(event);
      },
    });
  } catch (error) {
    // The cron log still gets its one dated line; the error itself follows (printed by main).
    log.stopped(error);
    // --json promises exactly one object on stdout, also when the run could not start (the message goes to stderr).
    if (json && isSyncError(error)) {
      io.stdout.write(
        `${JSON.stringify({ ok: false, exitCode: exitCodeOf(error), error: { code: error.code, message: error.message } })}\n`,
      );
    }
    throw error;
  } finally {
    unregister();
    renderer.stop();
  }
  if (json) io.stdout.write(`${JSON.stringify(report)}\n`);
  else renderer.summary(report, { dryRun: options.dryRun ?? false });
  log.finished(report, options.dryRun ?? false, renderer.idle(report));
  if (json && report.error) io.stderr.write(`error: ${report.error.message}\n`);
  return { report, code: report.exitCode };
}

/**
 * Flags → options → one rendered run (sync, status). Options that cannot be built (missing connection settings, a
 * bad flag) still leave their dated line under --quiet and in --log: a cron log must show every run.
 */
export function runCommand(
  args: Record<string, unknown>,
  io: CliIO,
  extra: Partial<SyncOptions> = {},
): { options: SyncOptions; log: RunLog } {
  const log = new RunLog(io, args);
  try {
    return { options: buildSyncOptions(args, io, extra), log };
  } catch (error) {
    log.stopped(error);
    throw error;
  }
}

export const syncCommand: CliCommand = {
  command: "sync",
  describe: "Sync rows into ChatGuru: create missing chats, update custom fields, write every row's outcome back",
  builder: (y: Argv) =>
    y
      .options(sourceOptions)
      .options(runOptions)
      .options({
        mode: { type: "string", choices: ["create", "update", "upsert"], describe: "Overrides the mapping's mode" },
        "dry-run": { type: "boolean", default: false, describe: "Validate and plan; send nothing" },
        limit: { describe: "Only the first N data rows (canary)" },
        full: { type: "boolean", default: false, describe: "Ignore change detection: send every row" },
        "retry-failed": { type: "boolean", default: false, describe: "Only rows whose last outcome was failed" },
        watch: { describe: "Re-run every N seconds until interrupted" },
      })
      .example("$0 sync --source leads.csv --mapping mapping.json", "one-off import")
      .example("$0 sync --source leads.csv --mapping mapping.json --dry-run", "see what would happen")
      .example(
        "$0 sync --source 'https://docs.google.com/spreadsheets/d/ID/edit#gid=0' --mapping mapping.json --watch 900",
        "sheet sync every 15 min",
      ),
  run: async (args, io) => {
    const { options, log } = runCommand(args, io);
    const typedWatch = numberFlag(args, "watch");
    if (typedWatch === undefined) return (await runRendered(options, args, io, log)).code;
    let every: number;
    try {
      every = check<number>("watch", typedWatch, rules.numberFrom(1, " of seconds"), CLI_NAMING);
    } catch (error) {
      log.stopped(error);
      throw error;
    }
    return watch(options, every, args, io, log);
  },
};

/**
 * --watch: one run per cycle, one summary line each, until SIGINT/SIGTERM (exit 130) or bad credentials (exit 3).
 * A cycle that fails for a passing reason (the sheet briefly unreachable, another run holding the lock) is reported
 * and the next cycle tries again — a scheduler should not die of one bad minute.
 */
async function watch(
  options: SyncOptions,
  everySeconds: number,
  args: Record<string, unknown>,
  io: CliIO,
  log: RunLog,
): Promise<number> {
  const stamp = () => `[${new Date().toISOString()}]`;
  const onEvent = (event: SyncEvent) => {
    if (event.type === "warning" && !args.quiet) io.stderr.write(`${stamp()} warning: ${event.message}\n`);
    if (event.type === "notice" && !args.quiet) io.stderr.write(`${stamp()} ${event.message}\n`);
    if (event.type === "response" && args.verbose) io.stderr.write(`${stamp()} ${responseLine(event)}\n`);
  };
  for (let cycle = 1; ; cycle += 1) {
    let report: SyncReport;
    try {
      report = await sync({ ...options, onEvent });
    } catch (error) {
      if (!isSyncError(error) || io.signal.aborted) {
        log.stopped(error);
        throw error;
      }
      log.stopped(error);
      io.stderr.write(`${stamp()} cycle ${cycle}: error: ${error.message}\n`);
      if (args.json)
        io.stdout.write(
          `${JSON.stringify({ ok: false, exitCode: exitCodeOf(error), error: { code: error.code, message: error.message } })}\n`,
        );
      try {
        await sleep(everySeconds * 1000, io.signal);
      } catch {
        return ExitCode.INTERRUPTED;
      }
      continue;
    }
    log.finished(report, options.dryRun ?? false);
    if (args.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    // --quiet: a cycle that ended as --fail-on accepts prints nothing.
    else if (!args.quiet || report.exitCode !== ExitCode.OK)
      io.stderr.write(
        `${stamp()} cycle ${cycle}: ${summaryLine(report, options.dryRun ?? false)}${report.error ? ` — ${report.error.message}` : ""}\n`,
      );
    if (report.exitCode === ExitCode.INTERRUPTED || report.error?.code === "CHATGURU_AUTH") return report.exitCode;
    try {
      await sleep(everySeconds * 1000, io.signal);
    } catch {
      return ExitCode.INTERRUPTED;
    }
  }
}
