import type { ChatGuruClient } from "../../chatguru/types.js";
import type { StateStore } from "../../state/state-store.js";
import type { AddTimings } from "../learning/add-timings.js";
import type { ConfigGate } from "../learning/config-gate.js";
import type { NumberForms } from "../learning/number-forms.js";
import type { UpsertStrategy } from "../learning/upsert-strategy.js";
import type { SyncEventListener } from "../shared/events.js";
import type { RowSelection } from "../shared/row-selection.js";
import type { PollSchedule, SyncMode } from "../shared/settings.js";
import type { MessageBudget } from "./message-budget.js";
import type { RowList } from "./row-list.js";

/** What every row of a run shares and uses as is: the clients, the journal, time and the listener. */
export interface RowServices {
  /** Client for a row's first request (lowest priority: starting new rows waits behind finishing old ones). */
  first: ChatGuruClient;
  /** Client for the follow-up requests of a row already started. */
  follow: ChatGuruClient;
  /** Client for chat_add_status polls. */
  poll: ChatGuruClient;
  state: StateStore;
  now: () => number;
  /** Poll and probe waits; rejects with the signal's reason when it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
  /** Called when the row starts/stops waiting on an asynchronous chat_add (it then holds no worker slot). */
  onAddWait?: (waiting: boolean) => void;
}

/** How rows behave this run, settled once from the options. */
export interface RowSettings {
  mode: SyncMode;
  /** Ignore change detection (--full). */
  full: boolean;
  /** false = --no-wait: a fresh chat_add ends the row `pending` at once. */
  waitForAdds: boolean;
  addTimeoutMs: number;
  pollSchedule: PollSchedule;
  /** How long a lost chat_add answer is given to show up before deciding (add/uncertain-add.ts). */
  uncertainProbeMs: number;
}

/**
 * What the run learns as its rows go, shared by every row. Without the first three a row takes the fixed order and
 * poll schedule (bench's "probe-first", to compare against).
 */
export interface RowLearners {
  upsert?: UpsertStrategy;
  /** Which 9th-digit form this account stores, per area code. */
  forms?: NumberForms;
  /** How long this account's chat_adds take to settle. */
  addTimings?: AddTimings;
  /** Holds chat_adds back while no row has proven the mapping's fields, dialog and user exist. */
  configGate?: ConfigGate;
}

/** What the follow-up steps after the chat exists need from the run (follow-ups/run-follow-ups.ts). */
export interface FollowUpSettings {
  /** Mapping `update_name` (experimental): chat_update_name when the mapped name changed. */
  updateName: boolean;
  /** --release-held: rows whose held sends go out; rows named one by one also resend their uncertain sends. */
  release: RowSelection;
  /** --resolve: rows whose uncertain sends a person found delivered in ChatGuru. */
  resolve: RowSelection;
  /** The journal replaced a lost one (StateStore.lost, kept in its header). */
  lostJournal: boolean;
  budget: MessageBudget;
  /** Rows that had something held this run (for the summary). */
  held: RowList;
  /** Rows with a send whose outcome is unknown (killed mid-send, or its answer lost). */
  uncertain: RowList;
}

/** Everything a row runs with, built once per run by run-sync (the clients named for the row by row-clients.ts). */
export interface RowContext {
  services: RowServices;
  settings: RowSettings;
  learners: RowLearners;
  /** Messages, files, name and context once the chat exists; holds and the message cap. */
  followUps?: FollowUpSettings;
}
