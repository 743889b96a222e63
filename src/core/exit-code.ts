/**
 * Exit codes of every command. A run's report carries one (`exitCode`, as `--json` prints it); which code a thrown error maps to
 * is decided only by the CLI (cli/exit-code.ts), never by the error classes.
 */
export const ExitCode = {
  OK: 0,
  ROW_FAILURES: 1,
  USAGE: 2,
  ABORTED: 3,
  INTERRUPTED: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
