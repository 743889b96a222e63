import type { Outcome } from "../../core/outcome.js";
import type { ListedRow } from "./sync-report.js";
import type { MessagePlanSummary } from "./sync-report.js";
import type { SyncReport } from "./sync-report.js";
import type { Text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";

/** Typed progress events (SPEC §8: the library never writes to the console; the CLI renders these). */
export type SyncEvent =
  | { type: "start"; source: string; mode: string; dryRun: boolean; statePath?: string }
  | { type: "source-done"; total: number }
  /** A row's requests start (ends with its `row` event): what may be in flight when a run is killed. */
  | { type: "row-start"; seq: number; rowNumber: number }
  /** `error` is `CODE: message` in English; `errorText` the same as a catalog Text, to say in another language. */
  | { type: "row"; seq: number; rowNumber: number; outcome: Outcome | "skipped"; error?: string; errorText?: Text }
  | { type: "request"; action: string; attempt: number }
  /**
   * One request answered (or not): `status` is the HTTP status when a response arrived, `code` the error code when
   * it failed. Never carries parameters or the key (`--verbose` prints it).
   */
  | {
      type: "response";
      action: string;
      attempt: number;
      rowNumber?: number;
      status?: number;
      code?: string;
      ms: number;
    }
  | { type: "retry"; action: string; attempt: number; delayMs: number; reason: string }
  | { type: "rate-limited"; pauseMs: number }
  | { type: "add-pending"; rowNumber: number; chatAddId: string }
  | { type: "warning"; message: string; text?: Text }
  /** Something a person should know that is not a problem (which journal, how the file was read). */
  | { type: "notice"; message: string; text?: Text }
  | { type: "aborting"; reason: string; text?: Text }
  /** Dry run of a mapping with messages: what would go out (SPEC §4.2). */
  | { type: "messages-plan"; plan: MessagePlanSummary }
  /** A run of a mapping with messages: sent, put off by --max-messages, rows held (new or lost journal). */
  | {
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
  | { type: "end"; report: SyncReport };

export type SyncEventListener = (event: SyncEvent) => void;

/** A warning event from a Text: `message` in English for library users, `text` for the person's language. */
export function warningEvent(said: Text | string): Extract<SyncEvent, { type: "warning" }> {
  return typeof said === "string"
    ? { type: "warning", message: said }
    : { type: "warning", message: english(said), text: said };
}

export function noticeEvent(said: Text): Extract<SyncEvent, { type: "notice" }> {
  return { type: "notice", message: english(said), text: said };
}
