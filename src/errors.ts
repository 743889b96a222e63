/**
 * Run-level failures are thrown as SyncError subclasses; row-level problems are values (see mapping/contact.ts).
 * Every class has a literal `name`, a DOMAIN_REASON `code`, and the exit code the CLI maps it to (SPEC §3).
 */

/** Exit codes of every command (SPEC §3). */
export const ExitCode = {
  OK: 0,
  ROW_FAILURES: 1,
  USAGE: 2,
  ABORTED: 3,
  INTERRUPTED: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface SyncErrorOptions {
  cause?: unknown;
  /** Extra context (row, column, file, action, status…). Never put secrets here. */
  context?: Record<string, unknown>;
}

export class SyncError extends Error {
  override name: string = "SyncError";
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly context: Record<string, unknown>;

  constructor(code: string, message: string, exitCode: ExitCodeValue, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.exitCode = exitCode;
    this.context = options.context ?? {};
  }
}

/** Bad flags or arguments. Exit 2, nothing sent. */
export class UsageError extends SyncError {
  override name = "UsageError" as const;
  constructor(message: string, options: SyncErrorOptions & { code?: string } = {}) {
    super(options.code ?? "USAGE", message, ExitCode.USAGE, options);
  }
}

/** Bad configuration, mapping, or source (file missing, bad header, bad encoding…). Exit 2, nothing sent. */
export class ConfigError extends SyncError {
  override name = "ConfigError" as const;
  constructor(code: string, message: string, options: SyncErrorOptions = {}) {
    super(code, message, ExitCode.USAGE, options);
  }
}

/** The run stopped on purpose (auth error, too many consecutive failures, lock held). Exit 3. */
export class AbortError extends SyncError {
  override name = "AbortError" as const;
  constructor(code: string, message: string, options: SyncErrorOptions = {}) {
    super(code, message, ExitCode.ABORTED, options);
  }
}

/** The run was interrupted by SIGINT/SIGTERM after state was flushed. Exit 130. */
export class InterruptedError extends SyncError {
  override name = "InterruptedError" as const;
  constructor(message = "Interrupted: state flushed, re-run to continue.", options: SyncErrorOptions = {}) {
    super("INTERRUPTED", message, ExitCode.INTERRUPTED, options);
  }
}

/** A bug: something that should not happen. Printed with its stack. */
export class InternalError extends SyncError {
  override name = "InternalError" as const;
  constructor(message: string, options: SyncErrorOptions = {}) {
    super("INTERNAL", message, ExitCode.USAGE, options);
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}
export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}
export function isAbortError(error: unknown): error is AbortError {
  return error instanceof AbortError;
}

/**
 * Removes every occurrence of the given secrets from a string. Used on error messages, causes and log lines so the
 * ChatGuru key or a Google token never leaks (SPEC §2: "The API key is a secret").
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("***");
    if (secret && secret.length >= 4) out = out.split(encodeURIComponent(secret)).join("***");
  }
  return out;
}
