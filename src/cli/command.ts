import type { Argv } from "yargs";

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
}

/** One CLI command: yargs options + a handler that returns the exit code (never calls process.exit). */
export interface CliCommand {
  command: string;
  describe: string;
  builder(yargs: Argv): Argv;
  run(args: Record<string, unknown>, io: CliIO): Promise<number>;
}
