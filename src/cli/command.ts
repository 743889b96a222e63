import type { Argv } from "yargs";
import type { MessageKey } from "../messages/text.js";
import type { Speaker } from "../messages/translate.js";

/** What a command may touch: injected so runCli() is testable in-process. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  /** process.env merged with the working directory's .env (process.env wins). */
  env: Record<string, string | undefined>;
  /**
   * The environment without any `.env`: `ui` reads its own folder's `.env` under it and tells the person which saved
   * setting the system environment overrides. @default env
   */
  systemEnv?: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Says messages in the person's language (--lang, LC_ALL/LC_MESSAGES/LANG). @default English */
  speaker?: Speaker;
}

/** One CLI command: yargs options + a handler that returns the exit code (never calls process.exit). */
export interface CliCommand {
  command: string;
  /** The catalog key of the command's one-line description. */
  describe: MessageKey;
  /** The command's options, described in the run's language. */
  builder(yargs: Argv, sp: Speaker): Argv;
  run(args: Record<string, unknown>, io: CliIO): Promise<number>;
}
