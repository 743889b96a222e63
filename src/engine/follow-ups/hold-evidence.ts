import { carriesWriteBack } from "../../core/write-back-evidence.js";
import type { SourceRow } from "../../core/source-row.js";
import type { LoadedMapping } from "../../mapping/load-mapping.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { StateStore } from "../../state/state-store.js";

/** Rows an earlier results file shows this tool wrote back for (sinks/prior-results.ts reads it once, when asked). */
export interface PriorResults {
  has(key: string): Promise<boolean>;
}

/**
 * The per-row evidence of the hold rule (hold-rule.ts): a row the journal has no record of, whose source row or
 * earlier results carry this tool's write-back, was taken to ChatGuru by a run whose journal is gone. The first time
 * a run meets such a row it journals `held: true` — before any request, and for rows a stopped run never reaches too
 * — so the evidence outlives the results file that a run rewrites, and every later run judges the row alike.
 */
export class HoldEvidence {
  readonly #sends: boolean;

  constructor(
    private readonly mapping: LoadedMapping,
    private readonly state: StateStore | undefined,
    private readonly prior: PriorResults | undefined,
  ) {
    // Only a dialog, a message or a file is ever held.
    this.#sends = mapping.message !== undefined || mapping.file !== undefined || mapping.dialog_execute !== undefined;
  }

  /** Whether the row carries such evidence now (a dry run counts them; a real run marks them). */
  async shows(row: SourceRow, draft: ContactDraft): Promise<boolean> {
    if (!this.#sends || this.state?.get(draft.key) !== undefined) return false;
    if (carriesWriteBack(row.values, this.mapping.write_back)) return true;
    return (await this.prior?.has(draft.key)) === true;
  }

  async markAtFirstSight(row: SourceRow, draft: ContactDraft): Promise<void> {
    if (this.state && (await this.shows(row, draft))) {
      await this.state.update(draft.key, { held: true, phone: draft.phone.canonical, rowNumber: draft.rowNumber });
    }
  }
}
