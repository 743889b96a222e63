import type { SyncReport } from "../engine/shared/sync-report.js";
import { ENGLISH, type Speaker } from "../messages/translate.js";
import { localIsoTime } from "../util/local-time.js";

/**
 * The summary's lines after a run (render.ts prints them): counts, rows not reached or left out, a quiet `status`.
 * Each takes the Speaker of the person's language (English when left out).
 */

/** How many changed rows `status` lists by name; the results file has every one. */
const CHANGES_SHOWN = 20;

/** The statuses a person looks for first, then the others as ChatGuru names them. */
const STATUS_ORDER = ["sent", "delivered", "read", "scheduled", "failed"];

/**
 * What `status` learnt of the messages sent earlier: how many are sent, scheduled, failed…, and which rows changed
 * since the last check — not just how many were asked about after a minute of calls.
 */
export function messageStatusLines(report: SyncReport, sp: Speaker = ENGLISH): string[] {
  const m = report.messageStatus;
  if (!m) return [];
  const rank = (status: string) => {
    const at = STATUS_ORDER.indexOf(status);
    return at < 0 ? STATUS_ORDER.length : at;
  };
  const statuses = Object.entries(m.byStatus)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([status, n]) => sp.t("status.count", { n, status }));
  const lines = [sp.t("status.checked", { checked: m.checked, statuses })];
  if (m.unanswered > 0) lines.push(`  ${sp.t("status.unanswered", { n: m.unanswered })}`);
  if (m.changedCount === 0) {
    lines.push(`  ${sp.t("status.noneChanged")}`);
    return lines;
  }
  lines.push(`  ${sp.t("status.changed", { n: m.changedCount })}`);
  for (const change of m.changed.slice(0, CHANGES_SHOWN)) {
    const to = sp.t("status.value", { status: change.to });
    const from = change.from === undefined ? sp.t("status.none") : sp.t("status.value", { status: change.from });
    lines.push(`    ${sp.t("status.change", { row: change.row, file: change.kind === "file", from, to })}`);
  }
  const more = m.changedCount - Math.min(m.changed.length, CHANGES_SHOWN);
  if (more > 0) lines.push(`    ${sp.t("status.more", { n: more })}`);
  return lines;
}

/** Why a `status` with nothing pending may still exit 1 (invalid rows count). */
export function idleLines(report: SyncReport, sp: Speaker = ENGLISH): string[] {
  const lines: string[] = [];
  const c = report.counts;
  const toFix = [
    ...(c.invalid > 0 ? [sp.t("summary.invalidCount", { n: c.invalid })] : []),
    ...(c.duplicate > 0 ? [sp.t("summary.duplicateCount", { n: c.duplicate })] : []),
  ];
  if (toFix.length > 0 && report.exitCode !== 0) lines.push(sp.t("summary.rowsToFix", { counts: toFix }));
  return lines;
}

/**
 * `8 rows` — every row read: the counts cover only rows that got an outcome, and a stopped run would otherwise print
 * "3 rows" for an 8-row file.
 */
function rowsRead(report: SyncReport, sp: Speaker): string {
  return sp.t("summary.rows", { n: report.counts.total + (report.notReached ?? 0) });
}

/** `200 rows — 3 created, 5 updated, 190 unchanged, 2 failed`. */
export function countsLine(report: SyncReport, dryRun: boolean, sp: Speaker = ENGLISH): string {
  const line = sp.t("summary.counts", { rows: rowsRead(report, sp), parts: outcomeParts(report, sp) });
  return dryRun ? sp.t("summary.dryRun", { line }) : line;
}

/** Rows after --limit: in the results with their last result (a canary does not shrink the file), not synced. */
export function limitLine(rows: number, dryRun: boolean, sp: Speaker = ENGLISH): string | undefined {
  return rows === 0 ? undefined : sp.t("summary.limit", { n: rows, dryRun });
}

/** `status` / --retry-failed after an interrupted import: the rows no run has synced are said, not called unchanged. */
export function notSyncedLine(rows: number, sp: Speaker = ENGLISH): string | undefined {
  return rows === 0 ? undefined : sp.t("summary.notSynced", { n: rows });
}

/**
 * What the results hold for rows a stopped run did not get to: their last result from an earlier run, what this run
 * recorded for them before it stopped (a first run has no earlier result), or nothing.
 */
export function notReachedLine(report: SyncReport, sp: Speaker = ENGLISH): string | undefined {
  const missed = report.notReached ?? 0;
  if (missed === 0) return undefined;
  // The results file was left as it was (the run stopped before ChatGuru answered for any row): its rows keep what it said.
  return sp.t("summary.notReached", {
    missed,
    kept: report.notReachedKept ?? 0,
    recorded: report.notReachedThisRun ?? 0,
    resultsKept: report.resultsKept === true,
  });
}

function outcomeParts(report: SyncReport, sp: Speaker): string[] {
  const c = report.counts;
  return (["created", "updated", "unchanged", "pending", "invalid", "duplicate", "failed"] as const)
    .filter((outcome) => c[outcome] > 0)
    .map((outcome) => sp.t("summary.outcomeCount", { n: c[outcome], outcome }))
    .concat(report.notReached ? [sp.t("summary.notReachedCount", { n: report.notReached })] : []);
}

export function summaryLine(report: SyncReport, dryRun: boolean, sp: Speaker = ENGLISH): string {
  const line = sp.t("summary.line", {
    rows: rowsRead(report, sp),
    seconds: report.durationMs / 1000,
    parts: outcomeParts(report, sp),
  });
  return dryRun ? sp.t("summary.dryRun", { line }) : line;
}

/**
 * The one line a cron log gets per run (--quiet, --log): local time with its offset, what ran, the outcomes and the
 * exit code — `2026-11-29T10:15:02-03:00 sync leads.csv: 200 rows — 3 created, 2 failed (exit 1)`.
 */
export function runLine(
  label: string,
  report: SyncReport,
  dryRun: boolean,
  idle = false,
  sp: Speaker = ENGLISH,
): string {
  return sp.t("summary.quiet", {
    time: localIsoTime(Date.now()),
    label,
    idle,
    counts: countsLine(report, dryRun, sp),
    exitCode: report.exitCode,
  });
}

/** The line of a run that could not start or stopped with an error (the error itself follows it). */
export function stoppedLine(label: string, exitCode: number, sp: Speaker = ENGLISH): string {
  return sp.t("summary.quietStopped", { time: localIsoTime(Date.now()), label, exitCode });
}
