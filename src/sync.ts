import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createChatGuruClient } from "./chatguru/client.js";
import type { ChatGuruClient, ChatGuruConnection } from "./chatguru/types.js";
import type { PollSchedule } from "./engine/add-waiter.js";
import type { SyncMode } from "./engine/contact-task.js";
import type { SyncEventListener } from "./engine/events.js";
import { openNdjsonStateStore } from "./state/ndjson-state-store.js";
import type { SyncReport } from "./engine/report.js";
import type { RetryPolicy } from "./engine/retry-policy.js";
import { runSync, type RowFilter } from "./engine/run-sync.js";
import { defaultStatePath, stateId } from "./state/state-id.js";
import type { StateStore } from "./state/state-store.js";
import { ConfigError, UsageError } from "./errors.js";
import { loadMapping, type LoadedMapping } from "./mapping/load-mapping.js";
import { createSink } from "./sinks/create-sink.js";
import { createSource, type SourceOptions } from "./sources/create-source.js";
import type { Source } from "./sources/source.js";

export interface SyncOptions extends SourceOptions {
  /** CSV path, `-` (stdin), a Google Sheets URL, `sheets:ID` — or a ready Source. */
  source: string | Source;
  /** Path of the mapping file (JSON with comments) — or an already loaded mapping. */
  mapping: string | LoadedMapping;
  /** ChatGuru connection. Required unless `dryRun` (or a `client` is injected, with `accountId`/`phoneId` for the state id). */
  connection?: ChatGuruConnection;
  /** Inject a client (tests); `connection` is then used only for the state id. */
  client?: ChatGuruClient;
  /** Overrides the mapping's mode. */
  mode?: SyncMode;
  /** Requests in flight. @default 4 */
  concurrency?: number;
  /** Requests per second across all actions (Infinity = no cap). @default 5 */
  rate?: number;
  /** Validate and plan only: no network call, no state written. @default false */
  dryRun?: boolean;
  /** Only the first N data rows (canary). */
  limit?: number;
  /** Results CSV path. @default `<source>.results.csv` beside a CSV source */
  results?: string;
  /** Journal path. @default `.chatguru-sync/<id>.ndjson` in `cwd` */
  state?: string;
  /** Ignore change detection. @default false */
  full?: boolean;
  /** Only rows whose last outcome was `failed`. @default false */
  retryFailed?: boolean;
  /** Only rows left `pending` (the `status` command). @default false */
  onlyPending?: boolean;
  /** false = --no-wait: leave fresh chat_adds `pending`. @default true */
  wait?: boolean;
  /** Seconds to wait for a chat_add before leaving it `pending`. @default 600 */
  addTimeoutSeconds?: number;
  pollSchedule?: Partial<PollSchedule>;
  uncertainProbeMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Working directory for relative paths and the default state folder. @default process.cwd() */
  cwd?: string;
  onEvent?: SyncEventListener;
  /** Abort = graceful stop (SIGINT): requests in flight finish, results and state are written, exitCode 130. */
  signal?: AbortSignal;
  /** @default 10000 */
  graceMs?: number;
}

/**
 * The main job (SPEC §5): reads the source, maps rows, syncs them into ChatGuru and writes every row's outcome back.
 * Returns the report of SPEC §3; throws ConfigError/UsageError (exit 2) only before anything was sent.
 * Never calls process.exit and never writes to the console: progress comes through `onEvent`.
 */
export async function sync(options: SyncOptions): Promise<SyncReport> {
  const cwd = options.cwd ?? process.cwd();
  const dryRun = options.dryRun ?? false;
  if (options.retryFailed && options.onlyPending)
    throw new UsageError("--retry-failed cannot be combined with status (pending rows only).");
  const source =
    typeof options.source === "string" ? createSource(options.source, { ...options, cwd }) : options.source;
  const mapping =
    typeof options.mapping === "string" ? await loadMapping(resolve(cwd, options.mapping)) : options.mapping;
  if (!dryRun && !options.connection) {
    throw new ConfigError(
      "CONFIG_CONNECTION_MISSING",
      "sync needs the ChatGuru connection settings (CHATGURU_API_URL, CHATGURU_API_KEY, CHATGURU_ACCOUNT_ID, CHATGURU_PHONE_ID).",
    );
  }
  const statePath = resolveStatePath(options, source, cwd);
  let state: StateStore | undefined;
  let client: ChatGuruClient | undefined;
  try {
    // A dry run reads an existing journal for its plan but never creates, locks or writes one.
    if (statePath && (!dryRun || existsSync(statePath))) {
      state = await openNdjsonStateStore(statePath, {
        lock: !dryRun,
        onWarning: (message) => options.onEvent?.({ type: "warning", message }),
      });
    }
    if (!dryRun) client = options.client ?? createChatGuruClient(options.connection!);
    return await runSync({
      source,
      mapping,
      ...(client ? { client } : {}),
      ...(state ? { state, statePath } : {}),
      createSink: (opened) =>
        createSink({ source, opened, mapping, cwd, dryRun, ...(options.results ? { results: options.results } : {}) }),
      ...(options.mode ? { mode: options.mode } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.rate !== undefined ? { rate: options.rate } : {}),
      dryRun,
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      full: options.full ?? false,
      only: options.retryFailed ? "failed" : options.onlyPending ? "pending" : ("all" satisfies RowFilter),
      wait: options.wait ?? true,
      addTimeoutMs: (options.addTimeoutSeconds ?? 600) * 1000,
      ...(options.pollSchedule ? { pollSchedule: options.pollSchedule } : {}),
      ...(options.uncertainProbeMs !== undefined ? { uncertainProbeMs: options.uncertainProbeMs } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    });
  } finally {
    if (client && client !== options.client) client.close();
    await state?.close();
  }
}

function resolveStatePath(options: SyncOptions, source: Source, cwd: string): string | undefined {
  if (options.state) return resolve(cwd, options.state);
  if (!options.connection) return undefined;
  return defaultStatePath(
    cwd,
    stateId({ sourceId: source.id, accountId: options.connection.accountId, phoneId: options.connection.phoneId }),
  );
}
