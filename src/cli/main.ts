import yargs from "yargs";
import { ExitCode } from "../core/exit-code.js";
import { isInternalError, isSyncError, redact } from "../errors.js";
import type { CliCommand, CliIO } from "./command.js";
import { commands } from "./commands/index.js";
import { loadEnvironment, systemEnvironment } from "./env.js";
import { exitCodeOf } from "./exit-code.js";
import { rejectRepeatedFlags } from "./flag-values.js";
import { secretsOf } from "./secrets.js";

/** The only flags meant to be given more than once: `call --param`/`-p`, declared `array: true`. */
const REPEATABLE_FLAGS = ["param", "p"];

/**
 * Runs the CLI on argv (without `node` and the script) and resolves with the exit code. Never calls process.exit:
 * bin.ts does. ONE catch here turns every error into a message and an exit code (SPEC §3).
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
    if (!partialIO.env) {
      io.env = loadEnvironment(cwd);
      io.systemEnv = systemEnvironment();
    } else if (partialIO.systemEnv) io.systemEnv = partialIO.systemEnv;
    let parser = yargs(argv)
      .scriptName("chatguru-sync")
      // Every message of ours is English: yargs would otherwise follow LANG and mix in "Opções:"/"[obrigatório]".
      .locale("en")
      .usage(
        "$0 <command> [options]\n\nKeep ChatGuru (WhatsApp CRM) in step with a CSV file, an Excel workbook or a Google Sheet.",
      )
      .strict()
      .demandCommand(1, "Name a command: sync, validate, status, call, mock-server, init, ui.")
      .recommendCommands()
      .help()
      .alias("h", "help")
      .version()
      .wrap(Math.min(110, io.stderr.columns ?? 100))
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        throw error ?? new UsageFailure(message ?? "Invalid usage.");
      })
      .middleware((args) => rejectRepeatedFlags(args, REPEATABLE_FLAGS));
    for (const command of commands as CliCommand[]) {
      parser = parser.command(
        command.command,
        command.describe,
        (y) => command.builder(y),
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
  if (error instanceof UsageFailure) {
    io.stderr.write(`error: ${redact(error.message, secrets)}\nRun "chatguru-sync --help" for usage.\n`);
    return ExitCode.USAGE;
  }
  if (isSyncError(error) && !isInternalError(error)) {
    io.stderr.write(`error: ${redact(error.message, secrets)}\n`);
    return exitCodeOf(error);
  }
  // A bug, not a user error: the stack helps whoever reports it.
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`internal error (please report): ${redact(text, secrets)}\n`);
  return ExitCode.USAGE;
}
