import type { ChatGuruClient, ChatGuruConnection } from "./chatguru/types.js";
import { DEFAULT_POLL_SCHEDULE, type PollSchedule } from "./engine/shared/settings.js";
import type { SyncMode } from "./engine/shared/settings.js";
import type { RowFilter } from "./engine/decide/decide-row.js";
import { FAIL_ON_VALUES, type EngineOptions, type FailOn, type RunOptions } from "./engine/run/engine-options.js";

export type { FailOn } from "./engine/run/engine-options.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./engine/transport/retry-policy.js";
import { RowSelection } from "./engine/shared/row-selection.js";
import type { Text } from "./core/text.js";
import { UsageError } from "./errors.js";
import { text } from "./messages/text.js";
import { english } from "./messages/translate.js";
import { checkLoadedMapping, type LoadedMapping } from "./mapping/load-mapping.js";
import type { SourceOptions } from "./sources/create-source.js";
import type { Source } from "./sources/source.js";
import { LANGUAGES, type Language } from "./messages/language.js";

/** Options of `sync()` — the library's and the CLI's `sync`/`status` commands' (they build these from flags). */
export interface SyncOptions extends SourceOptions, RunOptions {
  /** CSV path, `-` (stdin), a Google Sheets URL, `sheets:ID` — or a ready Source. */
  source: string | Source;
  /** Path of the mapping file (JSON with comments) — or an already loaded mapping. */
  mapping: string | LoadedMapping;
  /** ChatGuru connection. Required unless `dryRun` (or a `client` is injected, with `accountId`/`phoneId` for the state id). */
  connection?: ChatGuruConnection;
  /** Inject a client (tests); `connection` is then used only for the state id. */
  client?: ChatGuruClient;
  /** Results file path. @default `<source>.results.csv` (`.results.xlsx` for a workbook) beside the source */
  results?: string;
  /** Journal path. @default `.chatguru-sync/<mapping>-<id>.ndjson` beside the mapping file */
  state?: string;
  /** Working directory for relative paths. @default process.cwd() */
  cwd?: string;
  /**
   * Start a new journal where the old one's records are gone (emptied, or deleted while its snapshot or learnt file
   * remain), which is otherwise refused with STATE_LOST: notes may then be added again. @default false
   */
  newJournal?: boolean;
  /**
   * Folder of the machine-wide lock that makes runs for one ChatGuru account and phone take turns (state/account-lock.ts),
   * or `false` for none (a caller that coordinates its runs itself). @default `env.CHATGURU_SYNC_LOCK_DIR`, else
   * `$XDG_STATE_HOME/chatguru-sync/locks`, else `~/.local/state/chatguru-sync/locks`
   */
  lockDir?: string | false;
}

/** SyncOptions after normalizeSyncOptions(): what sync() wires up. */
export type NormalizedSyncOptions = Omit<SyncOptions, keyof RunOptions | "cwd"> & EngineOptions & { cwd: string };

/** How messages name an option: the library's property names, or the CLI's flags. */
export interface OptionNaming {
  /** The flag the user typed for an option, e.g. `--add-timeout` for `addTimeoutSeconds`. */
  flags?: Partial<Record<string, string>>;
}

/** A check plus how to say what it expects, for developers (p-queue style) and in plain words for the CLI. */
export interface Rule {
  ok(value: unknown): boolean;
  expected: string;
  plain: string;
  /** `plain` as a catalog Text, for the person's language. */
  plainText?: Text;
}

const isNumber = (value: unknown): value is number => typeof value === "number" && !Number.isNaN(value);

export const rules = {
  integerFrom: (min: number): Rule =>
    plainly({
      ok: (v) => isNumber(v) && Number.isInteger(v) && v >= min,
      expected: `an integer from ${min} and up`,
      plainText: text("opt.rule.integerFrom", { min }),
    }),
  /** `unit`: " of seconds" (the only unit a flag has), or none. */
  numberFrom: (min: number, unit = ""): Rule =>
    plainly({
      ok: (v) => isNumber(v) && Number.isFinite(v) && v >= min,
      expected: `a finite number${unit} from ${min} and up`,
      plainText: text("opt.rule.numberFrom", { min, seconds: unit !== "" }),
    }),
  numberAbove: (min: number, unit = ""): Rule =>
    plainly({
      ok: (v) => isNumber(v) && Number.isFinite(v) && v > min,
      expected: `a finite number${unit} above ${min}`,
      plainText: text("opt.rule.numberAbove", { min, seconds: unit !== "" }),
    }),
  rate: plainly({
    ok: (v) => isNumber(v) && v >= 0,
    expected: "a number from 0 and up (0 or Infinity = no cap)",
    plainText: text("opt.rule.rate"),
  }),
  boolean: plainly({ ok: (v) => typeof v === "boolean", expected: "a boolean", plainText: text("opt.rule.boolean") }),
  rows: plainly({
    ok: (v) =>
      typeof v === "boolean" || (Array.isArray(v) && v.every((n) => isNumber(n) && Number.isInteger(n) && n >= 1)),
    expected: "a boolean or an array of row numbers (integers from 1 and up)",
    plainText: text("opt.rule.rows"),
  }),
  oneOf: (values: readonly string[]): Rule =>
    plainly({
      ok: (v) => typeof v === "string" && values.includes(v),
      expected: `one of ${values.map((v) => `\`${v}\``).join(", ")}`,
      plainText: text("opt.rule.oneOf", { values }),
    }),
};

/** A rule whose plain words come from the catalog (`plain` is their English). */
function plainly(rule: Omit<Rule, "plain"> & { plainText: Text }): Rule {
  return { ...rule, plain: english(rule.plainText) };
}

/**
 * A rejected flag value quoted as typed; a Brazilian decimal comma ("2,5") gets its fix, since that is what a
 * spreadsheet user types first.
 */
export function typedValue(value: unknown): string {
  return english(typedText(value));
}

function typedText(value: unknown): Text {
  const typed = String(value).trim();
  return /^[+-]?\d*,\d+$/.test(typed)
    ? text("opt.typedComma", { text: typed, dotted: typed.replace(",", ".") })
    : text("opt.typed", { text: typed });
}

/**
 * Throws a UsageError unless `rule` accepts `value`: "Expected `concurrency` to be an integer from 1 and up, got `0`
 * (number)" — or, in plain words for a CLI flag, '--concurrency must be a whole number from 1 up, got "abc".'.
 */
export function check<T>(name: string, value: unknown, rule: Rule, naming: OptionNaming = {}): T {
  if (rule.ok(value)) return value as T;
  const flag = naming.flags?.[name];
  throw new UsageError(
    flag
      ? text("opt.flagMust", { flag, rule: rule.plainText ?? rule.plain, got: typedText(value) })
      : // For a developer calling the library: English, like the code it points at.
        `Expected \`${name}\` to be ${rule.expected}, got \`${String(value)}\` (${typeof value})`,
  );
}

/** Checks `value` only when given; returns `fallback` otherwise. */
function optional<T>(name: string, value: unknown, rule: Rule, fallback: T, naming: OptionNaming): T {
  return value === undefined ? fallback : check<T>(name, value, rule, naming);
}

/** The retry table with overrides checked one by one (every field is a delay, a count or a factor). */
export function normalizeRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const [name, value] of Object.entries(policy)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new UsageError(
        `Expected retry option \`${name}\` to be a finite number from 0 and up, got \`${String(value)}\` (${typeof value})`,
      );
    }
  }
  if (policy.maxAttempts < 1)
    throw new UsageError(
      `Expected retry option \`maxAttempts\` to be 1 or more, got \`${policy.maxAttempts}\` (number)`,
    );
  return policy;
}

function normalizePollSchedule(overrides: Partial<PollSchedule> = {}, naming: OptionNaming): PollSchedule {
  const { firstMs, factor, maxMs } = { ...DEFAULT_POLL_SCHEDULE, ...overrides };
  return {
    firstMs: check("pollSchedule.firstMs", firstMs, rules.numberFrom(0), naming),
    factor: check("pollSchedule.factor", factor, rules.numberFrom(1), naming),
    maxMs: check("pollSchedule.maxMs", maxMs, rules.numberFrom(0), naming),
  };
}

function rowFilter(options: SyncOptions, naming: OptionNaming): RowFilter {
  const retryFailed = optional("retryFailed", options.retryFailed, rules.boolean, false, naming);
  const onlyPending = optional("onlyPending", options.onlyPending, rules.boolean, false, naming);
  if (retryFailed && onlyPending) throw new UsageError(text("opt.retryFailedWithStatus"));
  return retryFailed ? "failed" : onlyPending ? "pending" : "all";
}

/** `typeof`, said for a person: `null`, `an array`, `a number`… — never the value (it may be a key). */
function kindOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";
const typedRule = (kind: string, ok: (v: unknown) => boolean): Rule => ({ ok, expected: kind, plain: kind });

export const shapes = {
  /** A CSV path, `-`, a Sheets URL — or a Source (what createSource() returns: `open()`, `id`, `label`). */
  source: typedRule(
    "a path, URL or Source",
    (v) => nonEmpty(v) || (isObject(v) && typeof v.open === "function" && typeof v.id === "string"),
  ),
  text: typedRule("a non-empty string", nonEmpty),
  string: typedRule("a string", (v) => typeof v === "string"),
  function: typedRule("a function", (v) => typeof v === "function"),
  object: typedRule("an object", (v) => isObject(v) && !Array.isArray(v)),
  signal: typedRule("an AbortSignal", (v) => v instanceof AbortSignal),
  stream: typedRule("a readable stream", (v) => isObject(v) && typeof v.on === "function"),
  client: typedRule("a ChatGuru client (with `call` and `close`)", (v) => isObject(v) && typeof v.call === "function"),
};

/** Checks `value` only when given. */
function given(name: string, value: unknown, rule: Rule, naming: OptionNaming = {}): void {
  if (value !== undefined) check(name, value, rule, naming);
}

/**
 * The connection, as sync() would use it: without these checks an `ftp://` URL, a missing key or phone id went on to
 * send (or fail) request after request and the run ended TOO_MANY_FAILURES with every row `failed`. The key's value
 * is never put in a message. With an injected `client`, only the ids of the journal are needed.
 */
export function checkConnection(connection: unknown, injectedClient: boolean): void {
  if (connection === undefined) return;
  if (!isObject(connection) || Array.isArray(connection)) {
    throw new UsageError(
      `Expected \`connection\` to be an object with apiUrl, key, accountId and phoneId, got ${kindOf(connection)}`,
    );
  }
  const { apiUrl, key, accountId, phoneId, timeoutMs } = connection;
  if (!injectedClient || apiUrl !== undefined) checkApiUrl(apiUrl);
  if (!injectedClient || key !== undefined) {
    if (!nonEmpty(key))
      throw new UsageError(`Expected \`connection.key\` to be the API key, a non-empty string, got ${kindOf(key)}`);
  }
  for (const [name, value] of [
    ["accountId", accountId],
    ["phoneId", phoneId],
  ] as const) {
    if (!nonEmpty(value))
      throw new UsageError(
        `Expected \`connection.${name}\` to be a non-empty string, got ${typeof value === "string" ? "an empty string" : kindOf(value)}`,
      );
  }
  if (timeoutMs !== undefined) check("connection.timeoutMs", timeoutMs, rules.numberAbove(0));
}

function checkApiUrl(apiUrl: unknown): void {
  const expected = "an http(s) URL such as https://s15.chatguru.app/api/v1";
  if (typeof apiUrl !== "string")
    throw new UsageError(`Expected \`connection.apiUrl\` to be ${expected}, got ${kindOf(apiUrl)}`);
  let url: URL | undefined;
  try {
    url = new URL(apiUrl);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    const scheme = url ? ` (${url.protocol.replace(/:$/, "")} is not http or https)` : "";
    throw new UsageError(
      `Expected \`connection.apiUrl\` to be ${expected}, got \`${describeUrl(apiUrl, url)}\`${scheme}`,
    );
  }
}

/** Scheme, host and path only: a URL may carry credentials or the key itself. */
function describeUrl(text: string, url: URL | undefined): string {
  if (!url) return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function checkInputs(options: SyncOptions, naming: OptionNaming): void {
  if (typeof options !== "object" || options === null)
    throw new UsageError(`Expected sync options to be an object, got \`${String(options)}\` (${typeof options})`);
  check("source", options.source, plainly({ ...shapes.source, plainText: text("opt.rule.source") }), naming);
  check("mapping", options.mapping, plainly({ ...MAPPING, plainText: text("opt.rule.mapping") }), naming);
  given("client", options.client, shapes.client);
  checkConnection(options.connection, options.client !== undefined);
  for (const name of ["results", "state", "cwd"] as const) given(name, options[name], shapes.text, naming);
  for (const name of ["encoding", "delimiter", "sheet"] as const) given(name, options[name], shapes.string, naming);
  given("onEvent", options.onEvent, shapes.function);
  given("signal", options.signal, shapes.signal);
  given("env", options.env, shapes.object);
  given("stdin", options.stdin, shapes.stream);
  given("pollSchedule", options.pollSchedule, shapes.object);
  given("retryPolicy", options.retryPolicy, shapes.object);
  given("sheetsQuotaPerMinute", options.sheetsQuotaPerMinute, rules.numberAbove(0), naming);
  if (options.headerRow !== undefined) check("headerRow", options.headerRow, rules.integerFrom(1), naming);
  if (options.lockDir !== undefined && options.lockDir !== false) {
    const folder = {
      ok: (v: unknown) => typeof v === "string" && v !== "",
      expected: "a folder or false",
      plain: "a folder",
    };
    check("lockDir", options.lockDir, folder, naming);
  }
}

/** A mapping file's path, or a mapping already loaded (loadMapping()'s result, with its `path`). */
const MAPPING = typedRule("a path or a loaded mapping", (v) => nonEmpty(v) || isObject(v));

/**
 * Every option of sync() checked once, with exact messages (UsageError, exit 2), and defaults applied: the engine
 * sees only the result. The CLI goes through here too, passing its flag names so messages say `--concurrency`.
 */
export function normalizeSyncOptions(options: SyncOptions, naming: OptionNaming = {}): NormalizedSyncOptions {
  checkInputs(options, naming);
  const { retryFailed: _r, onlyPending: _o, addTimeoutSeconds, pollSchedule, retryPolicy, ...rest } = options;
  if (typeof options.mapping === "object") rest.mapping = checkLoadedMapping(options.mapping, "mapping");
  const rate = optional<number>("rate", options.rate, rules.rate, 5, naming);
  const addTimeout = optional<number>(
    "addTimeoutSeconds",
    addTimeoutSeconds,
    rules.numberFrom(0, " of seconds"),
    600,
    naming,
  );
  return {
    ...rest,
    ...(options.mode !== undefined ? { mode: check<SyncMode>("mode", options.mode, MODE, naming) } : {}),
    ...(options.limit !== undefined
      ? { limit: check<number>("limit", options.limit, rules.integerFrom(1), naming) }
      : {}),
    cwd: options.cwd ?? process.cwd(),
    concurrency: optional("concurrency", options.concurrency, rules.integerFrom(1), 4, naming),
    // 0 is the CLI's "no cap"; the queue knows only Infinity.
    rate: rate === 0 ? Infinity : rate,
    dryRun: optional("dryRun", options.dryRun, rules.boolean, false, naming),
    full: optional("full", options.full, rules.boolean, false, naming),
    wait: optional("wait", options.wait, rules.boolean, true, naming),
    only: rowFilter(options, naming),
    addTimeoutMs: addTimeout * 1000,
    pollSchedule: normalizePollSchedule(pollSchedule, naming),
    uncertainProbeMs: optional("uncertainProbeMs", options.uncertainProbeMs, rules.numberFrom(0), 10_000, naming),
    retryPolicy: normalizeRetryPolicy(retryPolicy),
    graceMs: optional("graceMs", options.graceMs, rules.numberFrom(0), 10_000, naming),
    failOn: optional<FailOn>("failOn", options.failOn, rules.oneOf(FAIL_ON_VALUES), "invalid", naming),
    maxMessages: optional("maxMessages", options.maxMessages, rules.integerFrom(0), 500, naming),
    releaseHeld: RowSelection.of(optional("releaseHeld", options.releaseHeld, rules.rows, false, naming)),
    resolve: RowSelection.of(optional("resolve", options.resolve, rules.rows, false, naming)),
    newJournal: optional("newJournal", options.newJournal, rules.boolean, false, naming),
    language: optional<Language>("language", options.language, rules.oneOf(LANGUAGES), "en", naming),
  };
}

const MODE = rules.oneOf(["create", "update", "upsert"]);
