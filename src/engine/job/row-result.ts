import type { Outcome } from "../../core/outcome.js";
import type { RunAbortedError } from "../../errors.js";
import type { Text } from "../../messages/text.js";
import type { RowState } from "../../state/state-store.js";
import { toLocalIsoTime } from "../../util/local-time.js";

/** A setting every row shares that ChatGuru does not know: the run stops on the first row that proves it. */
export interface ConfigStop {
  error: RunAbortedError;
  /** Said while the rows in flight finish (the `aborting` event); the full message, hint included, comes once at the end. */
  reason: string;
  reasonText: Text;
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
  // Field by field, not by spreads: an unchanged 100 000-row re-run passes here for every row.
  if (prior.number) into.chatNumber = prior.number;
  if (prior.chatAddId) into.chatAddId = prior.chatAddId;
  // The journal keeps UTC (`…Z`); results show local time with its offset, the clock the person reads.
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
