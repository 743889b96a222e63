/** Settled adds needed before their times replace the default schedule. */
const MIN_SAMPLES = 5;
/** Adds polling on the default schedule while nothing is known; the others wait for what these find out. */
const MAX_SCOUTS = 6;
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
 */
export class AddTimings {
  private readonly settles: number[] = [];
  private scouting = 0;
  private hits = 0;
  private judged = 0;
  private shrink = 1;
  private waiters: Array<() => void> = [];

  get known(): boolean {
    return this.settles.length >= MIN_SAMPLES;
  }

  /** Whether one more add may poll before anything is known (releases with `endScout`). */
  tryScout(): boolean {
    if (this.scouting >= MAX_SCOUTS) return false;
    this.scouting += 1;
    return true;
  }

  endScout(): void {
    this.scouting -= 1;
    this.wake();
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
