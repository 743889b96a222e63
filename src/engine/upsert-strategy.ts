import type { ContactDraft } from "../mapping/contact.js";
import type { RowState } from "../state/state-store.js";

/** "learn" (default) picks each row's order from the run so far; "probe-first" is the old fixed order (bench only). */
export type UpsertStrategyKind = "learn" | "probe-first";

export type UpsertOrder = "update-first" | "add-first";

/** Rows whose new-or-existing answer the run waits for before it trusts the share of new rows. */
const MIN_OBSERVED = 4;
/** Rows allowed to start blind (before MIN_OBSERVED answers); later ones wait a moment for those answers. */
export const MAX_BLIND = 4;
/**
 * Adding first costs an existing chat chat_add + poll + update (~3.2 requests) instead of 1; updating first costs a
 * new chat one extra probe. Adding first wins once more than ~1 - 1/3.2 ≈ 0.69 of the rows are new.
 */
const ADD_FIRST_SHARE = 0.7;
/** Recent rows weigh more: a sheet sorted old-to-new changes its mix as it goes. */
const WINDOW = 64;
/**
 * Answers carried over from the last run (state/learnt-file.ts): enough to skip the blind start, few enough that this
 * run's own answers outweigh them within a handful of rows when its mix differs.
 */
const CARRIED = 16;

/** One row's choice; `observe` reports what the row found out (and lets rows waiting on the first answers go). */
export interface UpsertChoice {
  order: UpsertOrder;
  observe(isNew: boolean): void;
  /** Called when the row ends, answered or not (idempotent). */
  release(): void;
}

/**
 * SPEC §5 "Requests per row": upsert picks its order from what it knows instead of always probing twice before
 * adding. A key the journal knows a number for is updated first; a run whose rows so far are mostly new adds first
 * (`chat_add` answers `fetched` for a chat that existed, with `corrigido para` when it is stored under the other
 * 9th-digit form) — but only when the add sends nothing visible (blank text, no dialog), so an existing chat never
 * gets a WhatsApp message from it. One object per run, shared by all rows. A scheduled run starts from the last run's
 * answers: the rows a journal does not know are then mostly new leads, which it adds at once instead of probing blind.
 */
export class UpsertStrategy {
  private readonly recent: boolean[];
  /** Whether this run got an answer of its own (then the window is worth keeping for the next run). */
  private answered = false;
  /** Rows started before enough answers, and those of them still waiting for theirs. */
  private blindStarted = 0;
  private blindOpen = 0;
  private waiters: Array<() => void> = [];

  constructor(
    readonly kind: UpsertStrategyKind = "learn",
    /** The last run's answers, oldest first. */
    carried: readonly boolean[] = [],
  ) {
    this.recent = carried.slice(-CARRIED);
  }

  /** The recent answers for the next run, or undefined when this run had none. */
  learnt(): boolean[] | undefined {
    return this.answered ? [...this.recent] : undefined;
  }

  /** The share of new rows among the recent answers, or undefined while there are too few. */
  get newShare(): number | undefined {
    if (this.recent.length < MIN_OBSERVED) return undefined;
    return this.recent.filter(Boolean).length / this.recent.length;
  }

  async choose(draft: ContactDraft, prior: RowState | undefined): Promise<UpsertChoice> {
    if (this.kind === "probe-first" || prior?.number || !sendsNothingVisible(draft)) {
      return this.choice("update-first", false);
    }
    // The first rows of a run start together: let a few find out, the rest decide from their answers.
    while (this.newShare === undefined && this.blindStarted >= MAX_BLIND && this.blindOpen > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    const share = this.newShare;
    if (share === undefined) {
      this.blindStarted += 1;
      this.blindOpen += 1;
      return this.choice("update-first", true);
    }
    return this.choice(share > ADD_FIRST_SHARE ? "add-first" : "update-first", false);
  }

  private choice(order: UpsertOrder, blind: boolean): UpsertChoice {
    let open = true;
    const release = () => {
      if (!open) return;
      open = false;
      if (blind) this.blindOpen -= 1;
      this.wake();
    };
    return {
      order,
      observe: (isNew) => {
        if (!open) return;
        this.answered = true;
        this.recent.push(isNew);
        if (this.recent.length > WINDOW) this.recent.shift();
        release();
      },
      release,
    };
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}

/** SPEC §5: adding first is allowed only when the add sends nothing visible (blank `text`, no `dialog_id`). */
export function sendsNothingVisible(draft: ContactDraft): boolean {
  return draft.chatAdd.text.trim() === "" && !draft.chatAdd.dialogId;
}
