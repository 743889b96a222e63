import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState } from "../../state/state-store.js";
import { addsBlank } from "../decide/add-shape.js";
import { secondProbePays } from "./second-probe.js";

/** "learn" (default) picks each row's order from the run so far; "probe-first" always updates first (bench only). */
export type UpsertStrategyKind = "learn" | "probe-first";

export type UpsertOrder = "update-first" | "add-first";

/** Rows whose new-or-existing answer the run waits for before it trusts the share of new rows. */
const MIN_OBSERVED = 4;
/** Rows allowed to start blind (before MIN_OBSERVED answers); later ones wait a moment for those answers. */
export const MAX_BLIND = 4;
/**
 * Adding first costs an existing chat chat_add + poll + update (3 requests) instead of 1; updating first costs a new
 * chat one probe more (4 instead of 3). Adding first wins once more than 2/3 of the rows are new.
 */
export const ADD_FIRST_SHARE = 0.7;
/** Recent rows weigh more: a sheet sorted old-to-new changes its mix as it goes. */
const WINDOW = 64;
/**
 * Answers carried over from the last run (state/learnt-file.ts): enough to skip the blind start, few enough that this
 * run's own answers outweigh them within a handful of rows when its mix differs.
 */
const CARRIED = 16;

/**
 * One row's answer in the window. A miss on its first form counts as new at once (an add is about to find out); a row
 * that probes the other form instead is left out until that answer, so a run of old registrations arriving together
 * does not look like a run of new rows.
 */
interface Answer {
  isNew: boolean | undefined;
}

/** One row's choice and what it tells the run as it goes. */
export interface UpsertChoice {
  order: UpsertOrder;
  /** The row's first probe answered: its chat was there, or not under that form (new until found otherwise). */
  firstProbe(found: boolean): void;
  /** After a miss on the first form: probe the other form (true) or add (false)? */
  probeOther(otherShare: number): Promise<boolean>;
  /** What the row found out for sure: a new chat, or one that existed. */
  observe(isNew: boolean): void;
  /** Called when the row ends, answered or not (idempotent). */
  release(): void;
}

/**
 * Upsert picks its order from what it knows (see docs/request-strategy.md) instead of always probing twice before
 * adding. A key the journal knows a number for is updated first; a run whose rows so far are mostly new adds first
 * (`chat_add` answers `fetched` for a chat that existed, with `corrigido para` when it is stored under the other
 * 9th-digit form) — but only when the add's text is blank, so an existing chat never gets a WhatsApp message from it
 * (a dialog goes with dialog_execute once the add answers `done`, follow-ups/owed-dialog.ts). A row that updates first and misses
 * on its area code's form probes the other form only while that is likely to find the chat (second-probe.ts); else it
 * adds. One object per run, shared by all rows. A scheduled run starts from the last run's answers.
 */
export class UpsertStrategy {
  private readonly recent: Answer[];
  /** Whether this run got an answer of its own (then the window is worth keeping for the next run). */
  private answered = false;
  /** Rows started before enough answers, and those of them that have not answered yet. */
  private blindStarted = 0;
  private blindOpen = 0;
  private waiters: Array<() => void> = [];

  constructor(
    readonly kind: UpsertStrategyKind = "learn",
    /** The last run's answers, oldest first. */
    carried: readonly boolean[] = [],
  ) {
    this.recent = carried.slice(-CARRIED).map((isNew) => ({ isNew }));
  }

  /** The recent answers for the next run, or undefined when this run had none. */
  learnt(): boolean[] | undefined {
    return this.answered ? this.recent.flatMap((a) => (a.isNew === undefined ? [] : [a.isNew])) : undefined;
  }

  /** The share of new rows among the recent answers, or undefined while there are too few. */
  get newShare(): number | undefined {
    return this.shareWithout(undefined);
  }

  async choose(draft: ContactDraft, prior: RowState | undefined): Promise<UpsertChoice> {
    if (this.kind === "probe-first" || prior?.number || !addsBlank(draft)) return this.choice("update-first", false);
    // The first rows of a run start together: let a few find out, the rest decide from their answers.
    while (this.newShare === undefined && this.blindStarted >= MAX_BLIND && this.blindOpen > 0) await this.change();
    const share = this.newShare;
    if (share === undefined) {
      this.blindStarted += 1;
      this.blindOpen += 1;
      return this.choice("update-first", true);
    }
    return this.choice(share > ADD_FIRST_SHARE ? "add-first" : "update-first", false);
  }

  /** The share of new rows, leaving out one row's own answer (its miss is what is being decided on). */
  private shareWithout(own: Answer | undefined): number | undefined {
    let known = 0;
    let fresh = 0;
    for (const answer of this.recent) {
      if (answer === own || answer.isNew === undefined) continue;
      known += 1;
      if (answer.isNew) fresh += 1;
    }
    return known > 0 && known >= MIN_OBSERVED - (own ? 1 : 0) ? fresh / known : undefined;
  }

  private choice(order: UpsertOrder, blind: boolean): UpsertChoice {
    let open = true;
    let waiting = blind;
    let mine: Answer | undefined;
    const stopWaiting = () => {
      if (!waiting) return;
      waiting = false;
      this.blindOpen -= 1;
      this.wake();
    };
    const record = (isNew: boolean) => {
      if (!open) return;
      this.answered = true;
      if (mine) mine.isNew = isNew;
      else {
        mine = { isNew };
        this.recent.push(mine);
        if (this.recent.length > WINDOW) this.recent.shift();
      }
      stopWaiting();
      this.wake();
    };
    return {
      order,
      firstProbe: (found) => record(!found),
      probeOther: async (otherShare) => {
        // A blind row decides once the other blind rows' first probes are in (one round trip).
        while (this.shareWithout(mine) === undefined && this.blindOpen > 0) await this.change();
        const share = this.shareWithout(mine);
        // Nothing known about the run's rows: the second probe is the choice that never adds an existing chat.
        const probe = share === undefined || secondProbePays(share, otherShare);
        if (probe && mine) mine.isNew = undefined;
        return probe;
      },
      observe: record,
      release: () => {
        if (!open) return;
        stopWaiting();
        open = false;
      },
    };
  }

  private change(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
