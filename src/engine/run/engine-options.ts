import type { PollSchedule } from "../shared/settings.js";
import type { SyncMode } from "../shared/settings.js";
import type { RowFilter } from "../decide/decide-row.js";
import type { SyncEventListener } from "../shared/events.js";
import type { RetryPolicy } from "../transport/retry-policy.js";
import type { RowSelection } from "../shared/row-selection.js";
import type { UpsertStrategyKind } from "../learning/upsert-strategy.js";
import type { Language } from "../../messages/language.js";

/**
 * How a run behaves — the part of `sync()`'s options the engine consumes. Declared here, once, with its documentation;
 * `SyncOptions` (src/options.ts) extends it, and normalizeSyncOptions() turns it into EngineOptions.
 */
export interface RunOptions {
  /** Overrides the mapping's mode. @default the mapping's `mode` */
  mode?: SyncMode;
  /** Requests in flight. @default 4 */
  concurrency?: number;
  /** Requests per second across all actions; `0` or `Infinity` = no cap. @default 5 */
  rate?: number;
  /** Validate and plan only: no network call, no state written. @default false */
  dryRun?: boolean;
  /** Only the first N data rows (canary). @default every row */
  limit?: number;
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
  /** How chat_add_status is polled. @default {firstMs: 3000, factor: 1.5, maxMs: 30000} */
  pollSchedule?: Partial<PollSchedule>;
  /** How long after a chat_add whose answer was lost the chat is probed for before deciding. @default 10000 */
  uncertainProbeMs?: number;
  /** Overrides of the retry table (engine/transport/retry-policy.ts). @default DEFAULT_RETRY_POLICY */
  retryPolicy?: Partial<RetryPolicy>;
  /** Progress events (the library never prints). @default none */
  onEvent?: SyncEventListener;
  /** Abort = graceful stop (SIGINT): requests in flight finish, results and state are written, exitCode 130. */
  signal?: AbortSignal;
  /** Milliseconds requests in flight get to finish after a stop before they are cancelled. @default 10000 */
  graceMs?: number;
  /**
   * Which row outcomes make `exitCode` 1: `invalid` = any invalid, duplicate or failed row; `failed` =
   * only failed rows (a schedule over a sheet people edit); `never` = 0 whenever the run itself completed.
   * @default "invalid"
   */
  failOn?: FailOn;
  /** At most this many message_send/message_file_send per run; the rest stay `pending` for the next run. @default 500 */
  maxMessages?: number;
  /**
   * Send the dialogs, messages and files held because an earlier run may have sent them and its journal is gone
   * (engine/follow-ups/hold-rule.ts): `true` for every held row, or the spreadsheet rows to release one by one. A row named
   * here also has its uncertain sends (the answer never came) sent again — the person checked the chat and the message
   * is not there; `true` alone never resends those. @default false
   */
  releaseHeld?: boolean | readonly number[];
  /**
   * Rows whose uncertain sends (MESSAGE_UNCERTAIN) a person checked in ChatGuru and found delivered: `true` for every
   * such row, or the spreadsheet rows. Nothing is sent; the row is no longer reported. @default false
   */
  resolve?: boolean | readonly number[];
  /**
   * The language of the words this run writes into the results, errors and plan files (the `error` column): the
   * code that starts each cell stays as it is. Events and errors carry catalog Texts whatever this is. @default "en"
   */
  language?: Language;
}

/** `--fail-on`: which outcomes make the exit code 1. */
export type FailOn = "invalid" | "failed" | "never";
export const FAIL_ON_VALUES: readonly FailOn[] = ["invalid", "failed", "never"];

/** Options that always have a value once normalised. */
type Defaulted =
  | "concurrency"
  | "rate"
  | "dryRun"
  | "full"
  | "wait"
  | "uncertainProbeMs"
  | "graceMs"
  | "failOn"
  | "maxMessages"
  | "language";

/** What the engine sees: every tuning option present and checked; `rate` is `Infinity` when uncapped. */
export type EngineOptions = Required<Pick<RunOptions, Defaulted>> &
  Pick<RunOptions, "mode" | "limit" | "onEvent" | "signal"> & {
    /** Which rows this run touches: from `retryFailed` / `onlyPending`. */
    only: RowFilter;
    /** From `addTimeoutSeconds`. */
    addTimeoutMs: number;
    pollSchedule: PollSchedule;
    retryPolicy: RetryPolicy;
    /** From `releaseHeld` and `resolve`. */
    releaseHeld: RowSelection;
    resolve: RowSelection;
    /** Internal, bench only (not a public option): "probe-first" = always update first, on the default poll schedule, to compare against. */
    upsertStrategy?: UpsertStrategyKind;
  };
