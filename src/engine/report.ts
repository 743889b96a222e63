import { ExitCode } from "../errors.js";
import type { Outcome } from "../core/outcome.js";

export interface OutcomeCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  pending: number;
  invalid: number;
  duplicate: number;
  failed: number;
}

export interface RequestCounts {
  total: number;
  retries: number;
  byAction: Record<string, number>;
}

/** The JSON report of SPEC §3 (printed by `--json`, returned by `sync()`). */
export interface SyncReport {
  ok: boolean;
  exitCode: number;
  counts: OutcomeCounts;
  requests: RequestCounts;
  durationMs: number;
  results?: string;
  state?: string;
  /** Only when the run stopped early: why, and how many rows were never reached (they have no status). */
  error?: { code: string; message: string };
  notReached?: number;
  /** Only for --dry-run: what a real run would do. */
  plan?: PlanCounts;
}

export interface PlanCounts {
  /** Rows the state has never seen: upsert probes by update, then creates if needed. */
  new: number;
  /** Rows the state knows whose mapped values changed. */
  changed: number;
  unchanged: number;
  /** Rows whose last run left a chat_add pending or failed. */
  retry: number;
}

export function emptyCounts(): OutcomeCounts {
  return { total: 0, created: 0, updated: 0, unchanged: 0, pending: 0, invalid: 0, duplicate: 0, failed: 0 };
}

export function countOutcome(counts: OutcomeCounts, outcome: Outcome): void {
  counts.total += 1;
  counts[outcome] += 1;
}

/** SPEC §3: 0 = every row created/updated/unchanged/pending; 1 = some invalid/duplicate/failed. */
export function exitCodeFor(counts: OutcomeCounts): number {
  return counts.invalid + counts.duplicate + counts.failed > 0 ? ExitCode.ROW_FAILURES : ExitCode.OK;
}
