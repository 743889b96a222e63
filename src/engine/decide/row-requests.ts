import { toFieldApiName } from "../../chatguru/field-names.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState } from "../../state/state-store.js";
import type { SyncMode } from "../job/row-context.js";
import type { PlanCounts } from "../run/report.js";
import { defersAddDialog } from "../follow-ups/owed-dialog.js";
import { NumberForms } from "../learning/number-forms.js";
import { secondProbePays } from "../learning/second-probe.js";
import { ADD_FIRST_SHARE, addsBlank, MAX_BLIND } from "../learning/upsert-strategy.js";
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

/** What a dry run knows of the account and the rows before it sends anything (upsert-strategy.ts, learners.ts). */
export interface EstimateKnowledge {
  /** Of the rows the journal did not know, the share the last run found new (state/learnt-file.ts), if it learnt any. */
  newShare?: number;
  /** The 9th-digit form each area code is stored under: the field rule, then the journal's numbers. */
  forms: NumberForms;
}

/** Accumulates the dry run's cost and its first rows as they will be sent. */
export class PlanTally {
  /** Expected requests: a fraction while summing (rows may turn out new or existing), rounded by `estimate`. */
  requests = 0;
  readonly preview: PlannedRow[] = [];

  /** New rows an upsert run would start before it knows whether its rows are new (upsert-strategy.ts). */
  #blind = 0;

  constructor(private readonly knows: EstimateKnowledge = { forms: new NumberForms() }) {}

  add(requests: number, draft: ContactDraft, status: string, planned?: keyof PlanCounts): void {
    if (planned === "new" && status === "would-upsert") requests = this.#upsertRow(requests, draft);
    this.requests += requests;
    if (requests > 0 && this.preview.length < PREVIEW_ROWS) this.preview.push(plannedRow(draft, status));
  }

  /**
   * What an upsert spends on a row the journal does not know (`asNew`: its cost as a new chat), in the order a real run
   * picks (upsert-strategy.ts). An add with visible text checks both number forms first. Otherwise, with the last
   * run's share of new rows: mostly new → added first (an existing chat costs the add, its poll and the update);
   * else updated first (a new chat costs the probe more, an old registration under the other form a second probe or
   * an add, second-probe.ts). Without it, rows count as new, the first few also probed once before the run knows.
   */
  #upsertRow(asNew: number, draft: ContactDraft): number {
    if (!addsBlank(draft)) return asNew + 2;
    const isNew = asNew + (defersAddDialog(draft, "upsert") ? 1 : 0);
    const share = this.knows.newShare;
    if (share === undefined) return isNew + (this.#blind++ < MAX_BLIND ? 1 : 0);
    // Found by the update: no chat_add, no chat_add_status.
    const existing = asNew - 2;
    if (share > ADD_FIRST_SHARE) return share * isNew + (1 - share) * asNew;
    const other = this.knows.forms.otherShare(draft);
    const probes = secondProbePays(share, other);
    return share * (isNew + 1 + (probes ? 1 : 0)) + (1 - share) * (existing + other * (probes ? 1 : 3));
  }

  estimate(rate: number, concurrency: number): PlanEstimate {
    const requests = Math.round(this.requests);
    const capped = Number.isFinite(rate) && rate > 0;
    return {
      requests,
      ...(capped ? { seconds: Math.ceil(requests / rate), rate } : {}),
      concurrency,
    };
  }
}
