import type {
  ConfigErrorCode,
  MappingErrorCode,
  ResultsErrorCode,
  SheetsErrorCode,
  SourceErrorCode,
  StateErrorCode,
  SyncErrorCode,
  UsageErrorCode,
} from "./core/error-codes.js";
import { base64Forms, maskRuns, runIndex, type RunIndex } from "./util/secret-echoes.js";
import { english } from "./messages/translate.js";
import { isText, text, type Text } from "./messages/text.js";
import { secretPattern } from "./util/secret-pattern.js";

/**
 * Run-level failures are thrown as SyncError subclasses; row-level problems are values (see core/row-problem.ts).
 * Every class has a literal `name`, a DOMAIN_REASON `code` from core/error-codes.ts and a guard. Which exit code an
 * error means is the CLI's business (cli/exit-code.ts), not the library's.
 */

export interface SyncErrorOptions {
  cause?: unknown;
  /** Extra context (row, column, file, action, status…). Never put secrets here. */
  context?: Record<string, unknown>;
}

export class SyncError extends Error {
  override name: string = "SyncError";
  readonly code: SyncErrorCode;
  readonly context: Record<string, unknown>;
  /**
   * The message as catalog key + parameters (messages/), so a caller can say it in the person's language; `.message`
   * is its English. Absent only for an error built from a plain string.
   */
  readonly text: Text | undefined;

  constructor(code: SyncErrorCode, message: string | Text, options: SyncErrorOptions = {}) {
    super(english(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
    this.text = typeof message === "string" ? undefined : message;
  }
}

/** Bad flags or arguments. Nothing sent. */
export class UsageError extends SyncError {
  override name = "UsageError" as const;
  declare readonly code: UsageErrorCode;
  constructor(message: string | Text, options: SyncErrorOptions & { code?: UsageErrorCode } = {}) {
    super(options.code ?? "USAGE", message, options);
  }
}

/** What a ConfigError can be about: settings, mapping, source, results, Google Sheets, the journal. */
export type ConfigErrorClassCode =
  ConfigErrorCode | MappingErrorCode | SourceErrorCode | ResultsErrorCode | SheetsErrorCode | StateErrorCode;

/** Bad configuration, mapping, or source (file missing, bad header, bad encoding…). Nothing sent. */
export class ConfigError extends SyncError {
  override name = "ConfigError" as const;
  declare readonly code: ConfigErrorClassCode;
  constructor(code: ConfigErrorClassCode, message: string | Text, options: SyncErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The run stopped on purpose (auth error, too many consecutive failures, lock held, state unwritable…). */
export class RunAbortedError extends SyncError {
  override name = "RunAbortedError" as const;
  constructor(
    code: Exclude<SyncErrorCode, UsageErrorCode | "INTERRUPTED" | "INTERNAL">,
    message: string | Text,
    options: SyncErrorOptions = {},
  ) {
    super(code, message, options);
  }
}

/** The run was interrupted (SIGINT/SIGTERM, or the caller's AbortSignal) after state was flushed. */
export class InterruptedError extends SyncError {
  override name = "InterruptedError" as const;
  declare readonly code: "INTERRUPTED";
  constructor(message: string | Text = text("run.interrupted"), options: SyncErrorOptions = {}) {
    super("INTERRUPTED", message, options);
  }
}

/** A bug: something that should not happen. Printed with its stack. */
export class InternalError extends SyncError {
  override name = "InternalError" as const;
  declare readonly code: "INTERNAL";
  constructor(message: string, options: SyncErrorOptions = {}) {
    super("INTERNAL", message, options);
  }
}

/**
 * What an error says, as a Text: its own (a SyncError built from the catalog), else its English message as is (an
 * operating-system error, a bug) — so wrapping it in another message loses nothing in any language.
 */
export function textOf(error: unknown): Text {
  const own = (error as { text?: unknown } | null)?.text;
  if (isText(own)) return own;
  return text("raw", { text: error instanceof Error ? error.message : String(error) });
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
export function isRunAbortedError(error: unknown): error is RunAbortedError {
  return error instanceof RunAbortedError;
}
export function isInterruptedError(error: unknown): error is InterruptedError {
  return error instanceof InterruptedError;
}
export function isInternalError(error: unknown): error is InternalError {
  return error instanceof InternalError;
}

/** Secrets shorter than this are not redacted (replacing "ab" everywhere would garble messages, not protect). */
const MIN_SECRET_LENGTH = 4;
const MASK = "***";

/** What is looked for of one secret: the whole of it and of its base64 forms in any encoding, and its long pieces. */
interface SecretEchoes {
  whole: RegExp[];
  runs: RunIndex;
}
const echoes = new Map<string, SecretEchoes>();

/**
 * Removes every occurrence of the given secrets from a string: the whole secret (and its base64/base64url forms) in
 * every encoding a server may echo it in (raw, URL/form-encoded, JSON-escaped, HTML entities: util/secret-pattern.ts),
 * and any run of 12 or more characters of the secret or of its base64 forms (util/secret-echoes.ts: a server that
 * quotes the first 20 characters of the key). THE redaction of the project: error messages, causes, response bodies
 * and log lines go through it so the ChatGuru key or a Google token never leaks into output, files or errors.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  // Longest first: a secret that contains another is replaced whole.
  const usable = secrets.filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH);
  const found = usable.sort((a, b) => b.length - a.length).map(echoesOf);
  for (const { whole } of found) {
    for (const pattern of whole) {
      pattern.lastIndex = 0;
      out = out.replace(pattern, MASK);
    }
  }
  for (const { runs } of found) out = maskRuns(out, runs, MASK);
  return out;
}

function echoesOf(secret: string): SecretEchoes {
  let found = echoes.get(secret);
  if (!found) {
    // A run uses a handful of secrets; the cap only guards a library user who passes a new one per call.
    if (echoes.size >= 64) echoes.clear();
    const encoded = base64Forms(secret);
    found = {
      whole: [secret, ...encoded].map(secretPattern),
      runs: runIndex([secret, ...encoded]),
    };
    echoes.set(secret, found);
  }
  return found;
}
