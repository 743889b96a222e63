import yargs from "yargs";
import { ExitCode } from "../core/exit-code.js";
import { isInternalError, isSyncError, redact } from "../errors.js";
import type { CliCommand, CliIO } from "./command.js";
import { commands } from "./commands/index.js";
import { loadEnvironment, localeEnvironment, systemEnvironment } from "./env.js";
import { exitCodeOf } from "./exit-code.js";
import { rejectRepeatedFlags } from "./flag-values.js";
import { languageOf, yargsStrings } from "./language.js";
import { secretsOf } from "./secrets.js";
import { ENGLISH, speaker } from "../messages/translate.js";

/** The only flags meant to be given more than once: `call --param`/`-p`, declared `array: true`. */
const REPEATABLE_FLAGS = ["param", "p"];

/**
 * Runs the CLI on argv (without `node` and the script) and resolves with the exit code. Never calls process.exit:
 * bin.ts does. ONE catch here turns every error into a message and an exit code.
 */
export async function runCli(argv: string[], partialIO: Partial<CliIO> = {}): Promise<number> {
  const cwd = partialIO.cwd ?? process.cwd();
  const io: CliIO = {
    stdout: partialIO.stdout ?? process.stdout,
    stderr: partialIO.stderr ?? process.stderr,
    cwd,
    signal: partialIO.signal ?? new AbortController().signal,
    env: partialIO.env ?? {},
  };
  let exitCode: number = ExitCode.OK;
  try {
    // The language first: every word from here on, yargs' help and errors included, is said in it.
    io.speaker = partialIO.speaker ?? speaker(languageOf(argv, partialIO.env ?? localeEnvironment()));
    if (!partialIO.env) {
      io.env = loadEnvironment(cwd);
      io.systemEnv = systemEnvironment();
    } else if (partialIO.systemEnv) io.systemEnv = partialIO.systemEnv;
    const sp = io.speaker;
    let parser = yargs(argv)
      .scriptName("chatguru-sync")
      // yargs' own words come from our catalog, not from yargs' locale files (which follow LANG on their own).
      .locale("en")
      // yargs' typings take strings only; y18n also takes the {one, other} plural forms it documents.
      .updateStrings(yargsStrings(sp) as Record<string, string>)
      .usage(sp.t("help.usage"))
      .option("lang", { type: "string", global: true, describe: sp.t("help.lang") })
      .strict()
      .demandCommand(1, sp.t("cli.nameCommand"))
      .recommendCommands()
      .help()
      .alias("h", "help")
      .version()
      .wrap(Math.min(110, io.stderr.columns ?? 100))
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        throw error ?? new UsageFailure(message ?? sp.t("cli.invalidUsage"));
      })
      .middleware((args) => rejectRepeatedFlags(args, REPEATABLE_FLAGS));
    for (const command of commands as CliCommand[]) {
      parser = parser.command(
        command.command,
        sp.t(command.describe),
        (y) => command.builder(y, sp),
        async (args) => {
          exitCode = await command.run(args as Record<string, unknown>, io);
        },
      );
    }
    let helpText = "";
    await parser.parseAsync(argv, {}, (err, _args, output) => {
      if (output) helpText = output;
      if (err) throw err;
    });
    if (helpText) io.stdout.write(helpText.endsWith("\n") ? helpText : `${helpText}\n`);
  } catch (error) {
    exitCode = report(error, io, secretsOf(io, argv));
  }
  return exitCode;
}

class UsageFailure extends Error {
  override name = "UsageFailure" as const;
}

function report(error: unknown, io: CliIO, secrets: string[]): number {
  const sp = io.speaker ?? ENGLISH;
  if (error instanceof UsageFailure) {
    io.stderr.write(`${redact(sp.t("cli.usageFailure", { message: error.message }), secrets)}\n`);
    return ExitCode.USAGE;
  }
  if (isSyncError(error) && !isInternalError(error)) {
    io.stderr.write(`${redact(sp.t("prefix.error", { message: error.text ?? error.message }), secrets)}\n`);
    return exitCodeOf(error);
  }
  // A bug, not a user error: the stack helps whoever reports it (in English, as the code is).
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${redact(sp.t("cli.internalError", { text }), secrets)}\n`);
  return ExitCode.USAGE;
}
