import type { LearntAddTimes } from "../../state/learnt-file.js";

/** Settled adds needed before their times replace the default schedule. */
const MIN_SAMPLES = 5;
/** While nothing is known, a poll that found an add pending at age A keeps the others from polling before A × this. */
const PENDING_MARGIN = 1.5;
/** …and this for an add the whole run waits on (config-gate.ts): a poll more, the gate open ~1.5 s sooner. */
const URGENT_MARGIN = 1.2;
/** Recent settle times kept: the account's speed drifts during a long run. */
const WINDOW = 100;
/** The first learnt poll goes this far past the slowest settle seen: those are upper bounds at a few poll times. */
const START_MARGIN = 1.15;
/** A first poll that found its add still pending moves every later first poll this much later. */
const AFTER_MISS = 1.2;
/** After this many first polls in a row that hit, the first poll moves a little earlier (DECREASE)… */
const HITS_BEFORE_EARLIER = 20;
const DECREASE = 0.95;
/**
 * A first poll carried from the last run starts this much earlier. Settles are only seen at poll times (upper bounds),
 * so a first poll that hits can only learn "no later than this": carried as it was, misses would push it later run
 * after run and nothing would bring it back when adds are fast again (a first poll at twice the add time). Starting a bit
 * earlier each run and moving later on a miss keeps it near the slowest adds, at about one miss a run.
 */
const CARRIED_EARLIER = 0.85;
/** A missed add is next polled when nearly every add had settled. */
const LATER_QUANTILE = 0.98;

/**
 * How long this account's chat_adds take, learnt from the run's own adds (1–30 s, sometimes minutes), so
 * most adds get a single chat_add_status (see docs/request-strategy.md). Under a rate cap a poll costs the run time
 * while a later poll costs only that add's latency (no worker slot is held), so the first poll leans late: it starts
 * past the slowest settle seen, moves 20 % later on every miss and 5 % earlier after 20 hits in a row — about one
 * miss in 60 adds once settled. Shared by every row of the run; the waits themselves stay plain timers.
 *
 * Until enough adds have settled, adds poll one at a time ("scouting"), each waiting past the age at which the last
 * one was still pending: a burst of adds made together all polling at ~3 s would each miss where one miss is enough.
 * A scheduled run starts from what the last run learnt (state/learnt-file.ts), its tuned first poll included (a bit
 * earlier, CARRIED_EARLIER), so it neither scouts again nor drifts: restored settles are upper bounds at the old first
 * poll, and a first poll rebuilt from them would move 15 % later every run.
 */
export class AddTimings {
  private readonly settles: number[];
  private scouting = false;
  /** The oldest age an add was seen pending at since the last settle (0: none). */
  private pendingFloor = 0;
  /** The first learnt poll's age, once set (from the settles, then moved by hits and misses). */
  private firstPoll: number | undefined;
  private hitStreak = 0;
  private waiters: Array<() => void> = [];
  /** Whether this run saw an add settle (then what it learnt is worth saving). */
  private learntNow = false;

  constructor(restored?: LearntAddTimes) {
    this.settles = restored ? restored.settles.slice(-WINDOW) : [];
    if (restored?.firstPoll !== undefined && this.known) this.firstPoll = restored.firstPoll * CARRIED_EARLIER;
  }

  /** What to carry to the next run: undefined until known, or when this run added nothing. */
  learnt(): LearntAddTimes | undefined {
    if (!this.learntNow || !this.known) return undefined;
    return { settles: [...this.settles], ...(this.firstPoll !== undefined ? { firstPoll: this.firstPoll } : {}) };
  }

  get known(): boolean {
    return this.settles.length >= MIN_SAMPLES;
  }

  /** Whether an add may poll now while nothing is known: one at a time (releases with `endScout`). */
  tryScout(): boolean {
    if (this.scouting) return false;
    this.scouting = true;
    return true;
  }

  endScout(): void {
    this.scouting = false;
    this.wake();
  }

  /** The earliest age an add should poll at while nothing is known, given its own schedule's `scheduled` age. */
  scoutAt(scheduled: number, urgent = false): number {
    return Math.max(scheduled, this.pendingFloor * (urgent ? URGENT_MARGIN : PENDING_MARGIN));
  }

  /** An add seen still pending `ageMs` after its answer, while nothing is known. */
  pendingAt(ageMs: number): void {
    this.pendingFloor = Math.max(this.pendingFloor, ageMs);
  }

  /** Resolves at the next settle seen by any add (or a scout giving up). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Milliseconds after the add's answer to poll at, for an add polled `polls` times already. Needs `known`. */
  pollAt(polls: number): number {
    if (polls === 0) return (this.firstPoll ??= Math.max(...this.settles) * START_MARGIN);
    return quantile(this.settles, LATER_QUANTILE);
  }

  /** An add seen settled `ageMs` after its answer, at its poll number `polls` (1 = first). */
  settled(ageMs: number, polls: number, learnt: boolean): void {
    this.pendingFloor = 0;
    this.learntNow = true;
    this.settles.push(ageMs);
    if (this.settles.length > WINDOW) this.settles.shift();
    if (learnt && polls === 1) this.hit();
    this.wake();
  }

  /**
   * A learnt first poll, made `ageMs` after its add's answer, that found the add still pending. Adds polled together
   * miss together: only a miss at the current setting moves it, not the others of the same batch.
   */
  missed(ageMs: number): void {
    this.hitStreak = 0;
    if (this.firstPoll !== undefined && ageMs >= this.firstPoll) this.firstPoll *= AFTER_MISS;
  }

  private hit(): void {
    if (++this.hitStreak < HITS_BEFORE_EARLIER || this.firstPoll === undefined) return;
    this.hitStreak = 0;
    this.firstPoll *= DECREASE;
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
