import { resolve } from "node:path";
import type { Argv } from "yargs";
import type { ChatGuruConnection } from "../../chatguru/types.js";
import { sleep } from "../../util/sleep.js";
import type { SyncReport } from "../../engine/shared/sync-report.js";
import type { SyncEvent, SyncEventListener } from "../../engine/shared/events.js";
import { ExitCode } from "../../core/exit-code.js";
import { isSyncError } from "../../errors.js";
import { exitCodeOf } from "../exit-code.js";
import { check, checkConnection, normalizeSyncOptions, rules, type NormalizedSyncOptions } from "../../options.js";
import { CLI_NAMING } from "../naming.js";
import { isSheetsSpec } from "../../sheets/sheets-spec.js";
import { syncNormalized, type SyncOptions } from "../../sync.js";
import type { CliCommand, CliIO } from "../command.js";
import { connectionOptions, resolveConnection, testWaits } from "../env.js";
import { estimateRows } from "../estimate-rows.js";
import { responseLine, SyncRenderer, summaryLine } from "../render.js";
import { RunLog } from "../run-log.js";
import { sourceFormatOptions } from "../source-flags.js";
import { numberFlag, textFlag } from "../flag-values.js";
import { rowListFlag } from "../row-list.js";
import { InFlightRows, reportOnForcedExit } from "../in-flight-rows.js";
import { ENGLISH, type Speaker } from "../../messages/translate.js";

export const sourceOptions = (sp: Speaker) =>
  ({
    // nargs 1 lets yargs take a lone "-" (stdin) as the value instead of a stray argument.
    source: { type: "string", nargs: 1, demandOption: true, describe: sp.t("help.opt.source") },
    mapping: { type: "string", demandOption: true, describe: sp.t("help.opt.mapping") },
    ...sourceFormatOptions(sp),
  }) as const;

export const runOptions = (sp: Speaker) =>
  ({
    ...connectionOptions(sp),
    // Numbers are untyped and their defaults applied by normalizeSyncOptions(): see numberFlag().
    concurrency: { describe: sp.t("help.opt.concurrency"), defaultDescription: "4" },
    rate: { describe: sp.t("help.opt.rate"), defaultDescription: "5" },
    results: { type: "string", describe: sp.t("help.opt.results") },
    state: { type: "string", describe: sp.t("help.opt.state") },
    wait: { type: "boolean", default: true, describe: sp.t("help.opt.wait") },
    "add-timeout": { describe: sp.t("help.opt.addTimeout"), defaultDescription: "600" },
    json: { type: "boolean", default: false, describe: sp.t("help.opt.json") },
    quiet: { type: "boolean", default: false, describe: sp.t("help.opt.quiet") },
    log: { type: "string", describe: sp.t("help.opt.log") },
    verbose: { type: "boolean", default: false, describe: sp.t("help.opt.verbose") },
    "fail-on": {
      // Checked by normalizeSyncOptions, not yargs' `choices`, so the message is the library's exact one.
      type: "string",
      describe: sp.t("help.opt.failOn"),
      defaultDescription: "invalid",
    },
    timeout: { describe: sp.t("help.opt.timeout") },
    "max-messages": { describe: sp.t("help.opt.maxMessages"), defaultDescription: "500" },
    // A string, so it takes an optional list of rows; given alone it means every held row.
    "release-held": { type: "string", describe: sp.t("help.opt.releaseHeld") },
    resolve: { type: "string", describe: sp.t("help.opt.resolve") },
    "new-journal": { type: "boolean", default: false, describe: sp.t("help.opt.newJournal") },
  }) as const;

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

const NORMALIZED = Symbol("normalized");

/** SyncOptions as the flags gave them (what the renderer reads), with the one normalised form the run takes. */
export type CheckedSyncOptions = SyncOptions & { readonly [NORMALIZED]: NormalizedSyncOptions };

/**
 * Flags → SyncOptions, normalised once by the library's own normalizeSyncOptions() (exit 2 with the flag's name)
 * before the connection is resolved, so a bad flag is reported first. The run then takes that normalised form
 * (runChecked), the resolved connection added.
 */
export function buildSyncOptions(
  args: Record<string, unknown>,
  io: CliIO,
  extra: Partial<SyncOptions> = {},
): CheckedSyncOptions {
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
    // The results files speak the person's language too (the code starting each error cell stays as it is).
    language: (io.speaker ?? ENGLISH).language,
    env: io.env,
    cwd: io.cwd,
    signal: io.signal,
    ...testWaits(io.env),
    ...extra,
  };
  const normalized = normalizeSyncOptions(options, CLI_NAMING);
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
    const sp = io.speaker ?? ENGLISH;
    connection = resolveConnection(flags, io.env, {
      onWarning: (message, said) => io.stderr.write(`${sp.t("prefix.warning", { message: said ?? message })}\n`),
    });
  } catch (error) {
    // A dry run sends nothing; without a connection it simply has no state to plan from.
    if (!options.dryRun) throw error;
  }
  const reached = connection ? { connection } : {};
  return { ...options, ...reached, [NORMALIZED]: { ...normalized, ...reached } };
}

/**
 * One run of the checked options, with `onEvent`. The connection, resolved after the flags were checked, is checked
 * here, inside the run as sync() would: a bad one is the run's error (--json still prints its one object).
 */
function runChecked(options: CheckedSyncOptions, onEvent: SyncEventListener): Promise<SyncReport> {
  const normalized = options[NORMALIZED];
  try {
    checkConnection(normalized.connection, normalized.client !== undefined);
  } catch (error) {
    return Promise.reject(error);
  }
  return syncNormalized({ ...normalized, onEvent });
}

/** Runs one sync with rendering; prints the report (JSON or human) and returns the exit code. */
export async function runRendered(
  options: CheckedSyncOptions,
  args: Record<string, unknown>,
  io: CliIO,
  log: RunLog = new RunLog(io, args),
): Promise<{ report: SyncReport; code: number }> {
  const json = Boolean(args.json);
  const verbose = Boolean(args.verbose);
  const sp = io.speaker ?? ENGLISH;
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
  const unregister = reportOnForcedExit(inFlight, sp);
  try {
    report = await runChecked(options, (event) => {
      inFlight.track(event);
      renderer.onEvent(event);
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
  if (json && report.error)
    io.stderr.write(`${sp.t("prefix.error", { message: report.error.text ?? report.error.message })}\n`);
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
): { options: CheckedSyncOptions; log: RunLog } {
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
  describe: "help.cmd.sync",
  builder: (y: Argv, sp: Speaker) =>
    y
      .options(sourceOptions(sp))
      .options(runOptions(sp))
      .options({
        mode: { type: "string", choices: ["create", "update", "upsert"], describe: sp.t("help.opt.mode") },
        "dry-run": { type: "boolean", default: false, describe: sp.t("help.opt.dryRun") },
        limit: { describe: sp.t("help.opt.limit") },
        full: { type: "boolean", default: false, describe: sp.t("help.opt.full") },
        "retry-failed": { type: "boolean", default: false, describe: sp.t("help.opt.retryFailed") },
        watch: { describe: sp.t("help.opt.watch") },
      })
      .example("$0 sync --source leads.csv --mapping mapping.json", sp.t("help.ex.syncOnce"))
      .example("$0 sync --source leads.csv --mapping mapping.json --dry-run", sp.t("help.ex.syncDryRun"))
      .example(
        "$0 sync --source 'https://docs.google.com/spreadsheets/d/ID/edit#gid=0' --mapping mapping.json --watch 900",
        sp.t("help.ex.syncWatch"),
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
  options: CheckedSyncOptions,
  everySeconds: number,
  args: Record<string, unknown>,
  io: CliIO,
  log: RunLog,
): Promise<number> {
  const sp = io.speaker ?? ENGLISH;
  const stamp = () => `[${new Date().toISOString()}]`;
  const onEvent = (event: SyncEvent) => {
    if (event.type === "warning" && !args.quiet)
      io.stderr.write(`${stamp()} ${sp.t("prefix.warning", { message: event.text ?? event.message })}\n`);
    if (event.type === "notice" && !args.quiet) io.stderr.write(`${stamp()} ${sp.say(event.text ?? event.message)}\n`);
    if (event.type === "response" && args.verbose) io.stderr.write(`${stamp()} ${responseLine(event, sp)}\n`);
  };
  for (let cycle = 1; ; cycle += 1) {
    let report: SyncReport;
    try {
      report = await runChecked(options, onEvent);
    } catch (error) {
      if (!isSyncError(error) || io.signal.aborted) {
        log.stopped(error);
        throw error;
      }
      log.stopped(error);
      io.stderr.write(
        `${sp.t("summary.cycleError", { stamp: stamp(), cycle, message: error.text ?? error.message })}\n`,
      );
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
        `${sp.t("summary.cycle", {
          stamp: stamp(),
          cycle,
          line: `${summaryLine(report, options.dryRun ?? false, sp)}${report.error ? ` — ${sp.say(report.error.text ?? report.error.message)}` : ""}`,
        })}\n`,
      );
    if (report.exitCode === ExitCode.INTERRUPTED || report.error?.code === "CHATGURU_AUTH") return report.exitCode;
    try {
      await sleep(everySeconds * 1000, io.signal);
    } catch {
      return ExitCode.INTERRUPTED;
    }
  }
}
