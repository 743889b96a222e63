import type { ChatGuruClient } from "../../chatguru/types.js";
import type { Outcome } from "../../core/outcome.js";
import type { Text } from "../../messages/text.js";
import type { RowState, StateStore } from "../../state/state-store.js";
import { toLocalIsoTime } from "../../util/local-time.js";
import type { AddTimings } from "../learning/add-timings.js";
import type { PollSchedule } from "../add/wait-for-add.js";
import type { ConfigGate } from "../learning/config-gate.js";
import type { ConfigStop } from "../row/config-stop.js";
import type { SyncEventListener } from "../shared/events.js";
import type { NumberForms } from "../learning/number-forms.js";
import type { UpsertStrategy } from "../learning/upsert-strategy.js";
import type { FollowUpSettings } from "../follow-ups/hold-rule.js";

export type SyncMode = "create" | "update" | "upsert";

/** Everything the per-row pipeline needs, injected by run-sync. */
export interface ContactContext {
  /** Client for a row's first request (lowest priority: starting new rows waits behind finishing old ones). */
  first: ChatGuruClient;
  /** Client for the follow-up requests of a row already started. */
  follow: ChatGuruClient;
  /** Client for chat_add_status polls. */
  poll: ChatGuruClient;
  state: StateStore;
  mode: SyncMode;
  /** false = --no-wait: a fresh chat_add ends the row `pending` at once. */
  waitForAdds: boolean;
  addTimeoutMs: number;
  pollSchedule: PollSchedule;
  /** The run's learners (SPEC §5 "Requests per row"), shared by every row; absent = the fixed order and schedule. */
  upsert?: UpsertStrategy;
  /** Which 9th-digit form this account stores, per area code. */
  forms?: NumberForms;
  /** How long this account's chat_adds take to settle. */
  addTimings?: AddTimings;
  /** How long a lost chat_add response is given to show up before deciding (SPEC §5 uncertain add). */
  uncertainProbeMs: number;
  signal?: AbortSignal;
  now: () => number;
  /** Poll and probe waits; rejects with the signal's reason when it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onEvent?: SyncEventListener;
  /** Called when the row starts/stops waiting on an asynchronous chat_add (it then holds no worker slot). */
  onAddWait?: (waiting: boolean) => void;
  /** Holds chat_adds back while no row has proven the mapping's fields, dialog and user exist (SPEC §5). */
  configGate?: ConfigGate;
  /** Messages, files, name and context once the chat exists; holds and the message cap (message-step.ts). */
  followUps?: FollowUpSettings;
}

export interface ContactResult {
  outcome: Extract<Outcome, "created" | "updated" | "unchanged" | "pending" | "failed">;
  chatNumber?: string;
  chatAddId?: string;
  errorCode?: string;
  /** English, as journaled and written to the results. */
  error?: string;
  /** `error` as a catalog Text, for the person's language. */
  errorText?: Text;
  syncedAt?: string;
  /** The row failed on a setting every row shares (unknown custom field, dialog or user): the run must stop. */
  stopsRun?: ConfigStop;
  /** The row's message (or, without one, its file): write_back message_id / message_status. */
  messageId?: string;
  messageStatus?: string;
}

/** What the journal knows of a row, as result columns (for rows this run does not touch). */
export function known(
  prior: RowState | undefined,
  /** A per-run memo (localIsoTimeMemo) on the unchanged path, where every row of a re-run passes here. */
  localTime: (stamp: string) => string = toLocalIsoTime,
): KnownColumns {
  return prior === undefined ? {} : addKnown({}, prior, localTime);
}

type KnownColumns = Pick<ContactResult, "chatNumber" | "chatAddId" | "syncedAt" | "messageId" | "messageStatus">;

/** Sets `known(prior)`'s columns on `into` and returns it: the unchanged path builds its result in one object. */
export function addKnown<T extends KnownColumns>(into: T, prior: RowState, localTime: (stamp: string) => string): T {
  // Field by field, not by spreads: an unchanged 100 000-row re-run passes here for every row (SPEC §9).
  if (prior.number) into.chatNumber = prior.number;
  if (prior.chatAddId) into.chatAddId = prior.chatAddId;
  // The journal keeps UTC (`…Z`); results show local time with its offset (SPEC §5 synced_at).
  if (prior.syncedAt) into.syncedAt = localTime(prior.syncedAt);
  // The text message when the row has one, else its file (write_back has one pair of message columns).
  const messageId = prior.messageHash ? prior.messageId : prior.fileId;
  const messageStatus = prior.messageHash ? prior.messageStatus : prior.fileStatus;
  if (messageId) into.messageId = messageId;
  if (messageStatus) into.messageStatus = messageStatus;
  // A row waiting for a person to release what was held says so where the message's status goes.
  if (prior.held === true && prior.errorCode === "MESSAGE_HELD") into.messageStatus = "held";
  return into;
}
