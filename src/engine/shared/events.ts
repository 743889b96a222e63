import type { Outcome } from "../../core/outcome.js";
import type { Text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";
import type { SyncMode } from "./settings.js";
import type { ListedRow, MessagePlanSummary, SyncReport } from "./sync-report.js";

/** The run starts: which source, in which mode, and the journal it keeps (none on a dry run). */
export interface StartEvent {
  type: "start";
  source: string;
  mode: SyncMode;
  dryRun: boolean;
  statePath?: string;
}

/** Every row of the source was read (rows may still be running). */
export interface SourceDoneEvent {
  type: "source-done";
  total: number;
}

/** A row's requests start (ends with its `row` event): what may be in flight when a run is killed. */
export interface RowStartEvent {
  type: "row-start";
  seq: number;
  rowNumber: number;
}

/** A row's one outcome. `error` is `CODE: message` in English; `errorText` the same as a catalog Text. */
export interface RowEvent {
  type: "row";
  seq: number;
  rowNumber: number;
  outcome: Outcome | "skipped";
  error?: string;
  errorText?: Text;
}

/** A request leaves for ChatGuru (`attempt` counts from 1). */
export interface RequestEvent {
  type: "request";
  action: string;
  attempt: number;
}

/**
 * One request answered (or not): `status` is the HTTP status when a response arrived, `code` the error code when
 * it failed. Never carries parameters or the key (`--verbose` prints it).
 */
export interface ResponseEvent {
  type: "response";
  action: string;
  attempt: number;
  rowNumber?: number;
  status?: number;
  code?: string;
  ms: number;
}

/** A failed request is tried again after `delayMs`. */
export interface RetryEvent {
  type: "retry";
  action: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** ChatGuru answered 429: every request waits `pauseMs`. */
export interface RateLimitedEvent {
  type: "rate-limited";
  pauseMs: number;
}

/** A chat_add was accepted and is in ChatGuru's hands. */
export interface AddPendingEvent {
  type: "add-pending";
  rowNumber: number;
  chatAddId: string;
}

/** Something went wrong that does not stop the run. `text` is absent only for a warning made from plain English. */
export interface WarningEvent {
  type: "warning";
  message: string;
  text?: Text;
}

/** Something a person should know that is not a problem (which journal, how the file was read). */
export interface NoticeEvent {
  type: "notice";
  message: string;
  text: Text;
}

/** The run is stopping (Ctrl-C, a run-level error): rows in flight finish, no new ones start. */
export interface AbortingEvent {
  type: "aborting";
  reason: string;
  text: Text;
}

/** Dry run of a mapping with messages: what would go out. */
export interface MessagesPlanEvent {
  type: "messages-plan";
  plan: MessagePlanSummary;
}

/** A run of a mapping with messages: sent, put off by --max-messages, rows held (new or lost journal). */
export interface MessagesSentEvent {
  type: "messages-sent";
  sent: number;
  /** Of `sent`: ChatGuru's answer was lost (500/502/504, timeout, reset), so they may or may not have gone out. */
  uncertain: number;
  deferred: number;
  heldRows: number;
  /** The first held rows (row, number, what was held); the results and errors files list every one. */
  held: ListedRow[];
  /** Rows with a send whose outcome is unknown (MESSAGE_UNCERTAIN, this run's or an earlier one's), the first of them. */
  uncertainRows: number;
  uncertainListed: ListedRow[];
  maxMessages: number;
}

/** The run is over; `report` is what `sync()` returns. */
export interface EndEvent {
  type: "end";
  report: SyncReport;
}

/**
 * Typed progress events: the library never writes to the console, the CLI and the web app render these. Each kind
 * carries exactly its fields; switch on `type` to narrow.
 */
export type SyncEvent =
  | StartEvent
  | SourceDoneEvent
  | RowStartEvent
  | RowEvent
  | RequestEvent
  | ResponseEvent
  | RetryEvent
  | RateLimitedEvent
  | AddPendingEvent
  | WarningEvent
  | NoticeEvent
  | AbortingEvent
  | MessagesPlanEvent
  | MessagesSentEvent
  | EndEvent;

export type SyncEventListener = (event: SyncEvent) => void;

/** A warning event from a Text: `message` in English for library users, `text` for the person's language. */
export function warningEvent(said: Text | string): WarningEvent {
  return typeof said === "string"
    ? { type: "warning", message: said }
    : { type: "warning", message: english(said), text: said };
}

export function noticeEvent(said: Text): NoticeEvent {
  return { type: "notice", message: english(said), text: said };
}
