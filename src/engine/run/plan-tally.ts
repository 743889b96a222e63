import type { ContactDraft } from "../../mapping/contact.js";
import { defersAddDialog, addsBlank } from "../decide/add-shape.js";
import { plannedRow, PREVIEW_ROWS } from "../decide/row-requests.js";
import { NumberForms } from "../learning/number-forms.js";
import { secondProbePays } from "../learning/second-probe.js";
import { ADD_FIRST_SHARE, MAX_BLIND } from "../learning/upsert-strategy.js";
import type { PlanCounts, PlanEstimate, PlannedRow } from "../shared/sync-report.js";

/** What a dry run knows of the account and the rows before it sends anything (learning/upsert-strategy.ts, learning/learners.ts). */
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

  /** New rows an upsert run would start before it knows whether its rows are new (learning/upsert-strategy.ts). */
  #blind = 0;

  constructor(private readonly knows: EstimateKnowledge = { forms: new NumberForms() }) {}

  add(requests: number, draft: ContactDraft, status: string, planned?: keyof PlanCounts): void {
    if (planned === "new" && status === "would-upsert") requests = this.#upsertRow(requests, draft);
    this.requests += requests;
    if (requests > 0 && this.preview.length < PREVIEW_ROWS) this.preview.push(plannedRow(draft, status));
  }

  /**
   * What an upsert spends on a row the journal does not know (`asNew`: its cost as a new chat), in the order a real run
   * picks (learning/upsert-strategy.ts). An add with visible text checks both number forms first. Otherwise, with the last
   * run's share of new rows: mostly new → added first (an existing chat costs the add, its poll and the update);
   * else updated first (a new chat costs the probe more, an old registration under the other form a second probe or
   * an add, learning/second-probe.ts). Without it, rows count as new, the first few also probed once before the run knows.
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
