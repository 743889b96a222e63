import {
  ChatGuruAbortedError,
  ChatGuruAuthError,
  ChatGuruError,
  ChatGuruParamError,
  ChatGuruRedirectError,
} from "../chatguru/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-code.js";
import { ConfigError, InterruptedError, RunAbortedError, UsageError } from "../errors.js";

/**
 * The exit code a thrown error ends a command with — the ONLY place errors meet exit codes; the library's
 * error classes do not know them. 2 = nothing was sent because something must be fixed first, 3 = the run stopped
 * on purpose, 130 = interrupted, 1 = one ChatGuru request failed (`call`).
 */
export function exitCodeOf(error: unknown): ExitCodeValue {
  if (error instanceof UsageError || error instanceof ConfigError) return ExitCode.USAGE;
  if (error instanceof RunAbortedError) return ExitCode.ABORTED;
  if (error instanceof InterruptedError) return ExitCode.INTERRUPTED;
  // Like a refused key, a moved endpoint is a connection setting to fix; a sync stops on it as a run abort (3).
  if (error instanceof ChatGuruAuthError || error instanceof ChatGuruRedirectError) return ExitCode.ABORTED;
  if (error instanceof ChatGuruAbortedError) return ExitCode.INTERRUPTED;
  if (error instanceof ChatGuruParamError) return ExitCode.USAGE;
  if (error instanceof ChatGuruError) return ExitCode.ROW_FAILURES;
  // InternalError and anything that is not ours: a bug, reported with its stack.
  return ExitCode.USAGE;
}
