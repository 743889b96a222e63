/** Settled adds needed before their times replace the default schedule. */
const MIN_SAMPLES = 5;
/** While nothing is known, a poll that found an add pending at age A keeps the others from polling before A × this. */
const PENDING_MARGIN = 1.5;
/** Recent settle times kept: the account's speed drifts during a long run. */
const WINDOW = 100;
/** First poll at this share of the adds settled: a poll at the median would miss half of them. */
const FIRST_QUANTILE = 0.9;
/** A missed add is next polled when nearly every add had settled. */
const LATER_QUANTILE = 0.98;
/** Learnt first polls judged together before moving the first poll earlier (or back). */
const JUDGE_EVERY = 20;

/**
 * How long this account's chat_adds take, learnt from the run's own adds (SPEC §2: 1–30 s, sometimes minutes), so
 * most adds get a single chat_add_status (SPEC §5 "Requests per row"). A settle time is observed as an upper bound
 * (the poll that saw it settled); the first poll goes where ~90 % had settled, and moves earlier while nearly every
 * first poll hits. Shared by every row of the run; the waits themselves stay plain timers (no worker slot held).
 *
 * Until enough adds have settled, adds poll one at a time ("scouting"), each waiting past the age at which the last
 * one was still pending: a burst of adds made together all polling at ~3 s would each miss where one miss is enough.
 */
export class AddTimings {
  private readonly settles: number[] = [];
  private scouting = false;
  /** The oldest age an add was seen pending at since the last settle (0: none). */
  private pendingFloor = 0;
  private hits = 0;
  private judged = 0;
  private shrink = 1;
  private waiters: Array<() => void> = [];

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
  scoutAt(scheduled: number): number {
    return Math.max(scheduled, this.pendingFloor * PENDING_MARGIN);
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
    if (polls === 0) return quantile(this.settles, FIRST_QUANTILE) * this.shrink;
    return quantile(this.settles, LATER_QUANTILE);
  }

  /** An add seen settled `ageMs` after its answer, at its poll number `polls` (1 = first). */
  settled(ageMs: number, polls: number, learnt: boolean): void {
    this.pendingFloor = 0;
    this.settles.push(ageMs);
    if (this.settles.length > WINDOW) this.settles.shift();
    if (learnt) this.judge(polls === 1);
    this.wake();
  }

  /** A learnt first poll that found the add still pending. */
  missed(): void {
    this.judge(false);
  }

  private judge(hit: boolean): void {
    this.hits += hit ? 1 : 0;
    this.judged += 1;
    if (this.judged < JUDGE_EVERY) return;
    const rate = this.hits / this.judged;
    // Observed times are upper bounds: they never show that adds got faster. Nearly all hits → try earlier.
    if (rate >= 0.95) this.shrink = Math.max(0.5, this.shrink * 0.9);
    else if (rate < 0.8) this.shrink = Math.min(1, this.shrink / 0.9);
    this.hits = 0;
    this.judged = 0;
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
