import type { SyncReport } from "../engine/report.js";
import { localIsoTime } from "../util/local-time.js";

/** The summary's lines after a run (render.ts prints them): counts, rows not reached or left out, a quiet `status`. */

/** How many changed rows `status` lists by name; the results file has every one. */
const CHANGES_SHOWN = 20;

/** The statuses a person looks for first, then the others as ChatGuru names them. */
const STATUS_ORDER = ["sent", "delivered", "read", "scheduled", "failed"];

/**
 * What `status` learnt of the messages sent earlier: how many are sent, scheduled, failed…, and which rows changed
 * since the last check — not just how many were asked about after a minute of calls.
 */
export function messageStatusLines(report: SyncReport): string[] {
  const m = report.messageStatus;
  if (!m) return [];
  const rank = (status: string) => {
    const at = STATUS_ORDER.indexOf(status);
    return at < 0 ? STATUS_ORDER.length : at;
  };
  const statuses = Object.entries(m.byStatus)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([status, n]) => `${n} ${status}`);
  const lines = [`messages: ${m.checked} checked — ${statuses.join(", ")}.`];
  if (m.unanswered > 0)
    lines.push(
      `  ${m.unanswered} could not be checked (ChatGuru did not answer): ${m.unanswered === 1 ? "it keeps its" : "they keep their"} last known status.`,
    );
  if (m.changedCount === 0) {
    lines.push("  none changed since the last check.");
    return lines;
  }
  lines.push(`  ${m.changedCount} changed since the last check:`);
  for (const change of m.changed.slice(0, CHANGES_SHOWN)) {
    const what = change.kind === "file" ? " (file)" : "";
    lines.push(`    row ${change.row}${what}: ${change.from ?? "no status"} → ${change.to}`);
  }
  const more = m.changedCount - Math.min(m.changed.length, CHANGES_SHOWN);
  if (more > 0) lines.push(`    … and ${more} more (chatguru_message_status in the results).`);
  return lines;
}

/** Why a `status` with nothing pending may still exit 1 (SPEC §3: invalid rows count). */
export function idleLines(report: SyncReport): string[] {
  const lines: string[] = [];
  const c = report.counts;
  const toFix = [
    ...(c.invalid > 0 ? [`${c.invalid} invalid`] : []),
    ...(c.duplicate > 0 ? [`${c.duplicate} duplicate`] : []),
  ];
  if (toFix.length > 0 && report.exitCode !== 0)
    lines.push(
      `rows to fix (${toFix.join(", ")}) still make the exit code 1: fix them and sync, or pass --fail-on failed.`,
    );
  return lines;
}

/**
 * `8 rows` — every row read: the counts cover only rows that got an outcome, and a stopped run would otherwise print
 * "3 rows" for an 8-row file.
 */
function rowsRead(report: SyncReport): string {
  const rows = report.counts.total + (report.notReached ?? 0);
  return `${rows} row${rows === 1 ? "" : "s"}`;
}

/** `200 rows — 3 created, 5 updated, 190 unchanged, 2 failed`. */
export function countsLine(report: SyncReport, dryRun: boolean): string {
  const parts = outcomeParts(report);
  return `${dryRun ? "dry run: " : ""}${rowsRead(report)}${parts.length ? ` — ${parts.join(", ")}` : ""}`;
}

/** Rows after --limit: in the results with their last result (a canary does not shrink the file), not synced. */
export function limitLine(rows: number, dryRun: boolean): string | undefined {
  if (rows === 0) return undefined;
  const what = rows === 1 ? "1 more row was" : `${rows} more rows were`;
  if (dryRun) return `${what} left out by --limit (not planned); run without --limit to plan every row.`;
  const they = rows === 1 ? "it keeps its" : "they keep their";
  return `${what} left out by --limit: ${they} last result in the results; run without --limit to sync ${rows === 1 ? "it" : "them"}.`;
}

/** `status` / --retry-failed after an interrupted import: the rows no run has synced are said, not called unchanged. */
export function notSyncedLine(rows: number): string | undefined {
  if (rows === 0) return undefined;
  const what = rows === 1 ? "1 row was" : `${rows} rows were`;
  return `${what} never synced (this command only finishes what sync started): run "chatguru-sync sync" to send ${rows === 1 ? "it" : "them"}.`;
}

/**
 * What the results hold for rows a stopped run did not get to: their last result from an earlier run, what this run
 * recorded for them before it stopped (a first run has no earlier result), or nothing.
 */
export function notReachedLine(report: SyncReport): string | undefined {
  const missed = report.notReached ?? 0;
  if (missed === 0) return undefined;
  const kept = report.notReachedKept ?? 0;
  const recorded = report.notReachedThisRun ?? 0;
  const rows = missed === 1 ? "1 row was" : `${missed} rows were`;
  // The results file was left as it was (the run stopped before ChatGuru answered for any row): its rows keep what it said.
  if (report.resultsKept)
    return `${rows} not reached: the results file keeps what earlier runs wrote; fix the error below and run again.`;
  if (kept === 0 && recorded === 0) return `${rows} not reached (no status in the results): run again to continue.`;
  const one = missed === 1;
  if (kept === missed)
    return `${rows} not reached: ${one ? "it keeps its" : "they keep their"} last result from an earlier run in the results; run again to continue.`;
  if (recorded === missed)
    return `${rows} not reached: ${one ? "it shows" : "they show"} what this run recorded before it stopped; run again to continue.`;
  const blank = missed - kept - recorded;
  const parts = [
    ...(kept > 0 ? [`${kept} keep${kept === 1 ? "s its" : " their"} last result from an earlier run`] : []),
    ...(recorded > 0 ? [`${recorded} show${recorded === 1 ? "s" : ""} what this run recorded before it stopped`] : []),
    ...(blank > 0 ? [`${blank} ${blank === 1 ? "has" : "have"} no status in the results`] : []),
  ];
  return `${rows} not reached: ${parts.join(", ")}; run again to continue.`;
}

function outcomeParts(report: SyncReport): string[] {
  const c = report.counts;
  return (
    [
      ["created", c.created],
      ["updated", c.updated],
      ["unchanged", c.unchanged],
      ["pending", c.pending],
      ["invalid", c.invalid],
      ["duplicate", c.duplicate],
      ["failed", c.failed],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`)
    .concat(report.notReached ? [`${report.notReached} not reached`] : []);
}

export function summaryLine(report: SyncReport, dryRun: boolean): string {
  const parts = outcomeParts(report);
  const seconds = (report.durationMs / 1000).toFixed(1);
  return `${dryRun ? "dry run: " : ""}${rowsRead(report)} in ${seconds} s${parts.length ? ` — ${parts.join(", ")}` : ""}`;
}

/**
 * The one line a cron log gets per run (--quiet, --log): local time with its offset, what ran, the outcomes and the
 * exit code — `2026-11-29T10:15:02-03:00 sync leads.csv: 200 rows — 3 created, 2 failed (exit 1)`.
 */
export function runLine(label: string, report: SyncReport, dryRun: boolean, idle = false): string {
  return `${localIsoTime(Date.now())} ${label}: ${idle ? "nothing pending; " : ""}${countsLine(report, dryRun)} (exit ${report.exitCode})`;
}

/** The line of a run that could not start or stopped with an error (the error itself follows it). */
export function stoppedLine(label: string, exitCode: number): string {
  return `${localIsoTime(Date.now())} ${label}: stopped (exit ${exitCode})`;
}
