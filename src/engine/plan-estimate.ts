import { toFieldApiName } from "../chatguru/field-names.js";
import type { ContactDraft } from "../mapping/contact.js";
import type { RowState } from "../state/state-store.js";
import type { SyncMode } from "./contact-context.js";
import type { PlanCounts } from "./report.js";
import { MAX_BLIND, sendsNothingVisible } from "./upsert-strategy.js";
import { textHash } from "./values-hash.js";

/** What a dry run says a real run will cost (SPEC §5: requests are paid in time, the rate cap is the bound). */
export interface PlanEstimate {
  /** Requests a real run would send, about (polls and the 9th-digit retry vary). */
  requests: number;
  /** requests ÷ --rate; absent when the rate is uncapped (time then depends on ChatGuru's latency). */
  seconds?: number;
  /** The --rate and --concurrency the estimate assumes. */
  rate?: number;
  concurrency: number;
}

/** One row as a real run would send it: the values after mapping, custom fields by their API name. */
export interface PlannedRow {
  row: number;
  status: string;
  number: string;
  name: string;
  fields: Record<string, string>;
  note?: string;
  dialog_id?: string;
  user_id?: string;
}

/** How many rows the dry run shows in full: enough to check the custom-field values before spending 5 000 rows. */
export const PREVIEW_ROWS = 3;

/**
 * Requests for one valid row (SPEC §5 minimums): an existing chat whose values changed costs 1 update; a new chat 3
 * (chat_add, ≈1 chat_add_status, the update) — 1 in update mode, where the chat must already exist; plus a note or a
 * dialog whose text the journal has not seen, and a message or file. Unchanged rows cost nothing.
 */
export function rowRequests(
  planned: keyof PlanCounts,
  draft: ContactDraft,
  prior: RowState | undefined,
  mode: SyncMode,
): number {
  if (planned === "unchanged") return 0;
  const hasFields = Object.keys(draft.fields).length > 0;
  const isNew = planned === "new" || planned === "retry";
  let requests = isNew && mode !== "update" ? 2 + (hasFields ? 1 : 0) : 1;
  if (draft.note !== undefined && prior?.noteHash !== textHash(draft.note)) requests += 1;
  if (draft.dialogId !== undefined && prior?.dialogHash !== textHash(draft.dialogId)) requests += 1;
  if (isNew && draft.message) requests += 1;
  if (isNew && draft.file) requests += 1;
  return requests;
}

/** The row as it will be sent (number, name, `field__X` values, note…), for the dry run's preview. */
export function plannedRow(draft: ContactDraft, status: string): PlannedRow {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(draft.fields)) fields[toFieldApiName(name)] = value;
  return {
    row: draft.rowNumber,
    status,
    number: draft.phone.canonical,
    name: draft.name,
    fields,
    ...(draft.note !== undefined ? { note: draft.note } : {}),
    ...((draft.dialogId ?? draft.chatAdd.dialogId) ? { dialog_id: (draft.dialogId ?? draft.chatAdd.dialogId)! } : {}),
    ...(draft.chatAdd.userId ? { user_id: draft.chatAdd.userId } : {}),
  };
}

/** Accumulates the dry run's cost and its first rows as they will be sent. */
export class PlanTally {
  requests = 0;
  readonly preview: PlannedRow[] = [];

  /** New rows an upsert run would start before it knows whether its rows are new (upsert-strategy.ts). */
  #blind = 0;

  add(requests: number, draft: ContactDraft, status: string, planned?: keyof PlanCounts): void {
    requests += this.#upsertProbes(planned, status, draft);
    this.requests += requests;
    if (requests > 0 && this.preview.length < PREVIEW_ROWS) this.preview.push(plannedRow(draft, status));
  }

  /**
   * An upsert checks a chat it does not know before adding it (SPEC §5), on both 9th-digit forms: always when the add
   * sends something visible, else only for the first rows of the run, until their answers show the rows are new.
   */
  #upsertProbes(planned: keyof PlanCounts | undefined, status: string, draft: ContactDraft): number {
    if (planned !== "new" || status !== "would-upsert") return 0;
    if (!sendsNothingVisible(draft)) return 2;
    if (this.#blind >= MAX_BLIND) return 0;
    this.#blind += 1;
    return 2;
  }

  estimate(rate: number, concurrency: number): PlanEstimate {
    const capped = Number.isFinite(rate) && rate > 0;
    return {
      requests: this.requests,
      ...(capped ? { seconds: Math.ceil(this.requests / rate), rate } : {}),
      concurrency,
    };
  }
}
