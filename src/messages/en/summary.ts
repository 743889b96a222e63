import type { Entry } from "../catalog.js";

export type OutcomeName = "created" | "updated" | "unchanged" | "pending" | "invalid" | "duplicate" | "failed";

const s = (n: number, one: string, other: string) => (n === 1 ? one : other);

/** What a person sees after and during a run: the summary lines, the progress bar, the plan of a dry run. */
export const summaryEn = {
  "outcome.created": "created",
  "outcome.updated": "updated",
  "outcome.unchanged": "unchanged",
  "outcome.pending": "pending",
  "outcome.invalid": "invalid",
  "outcome.duplicate": "duplicate",
  "outcome.failed": "failed",
  "outcome.skipped": "skipped",
  "summary.outcomeCount": (p: { n: number; outcome: OutcomeName }) => `${p.n} ${p.outcome}`,
  "summary.notReachedCount": (p: { n: number }) => `${p.n} not reached`,
  "summary.rows": (p: { n: number }) => `${p.n} row${s(p.n, "", "s")}`,
  "summary.dryRun": (p: { line: string }) => `dry run: ${p.line}`,
  "summary.counts": (p: { rows: string; parts: readonly string[] }) =>
    `${p.rows}${p.parts.length ? ` — ${p.parts.join(", ")}` : ""}`,
  "summary.line": (p: { rows: string; seconds: number; parts: readonly string[] }) =>
    `${p.rows} in ${p.seconds.toFixed(1)} s${p.parts.length ? ` — ${p.parts.join(", ")}` : ""}`,
  "summary.quiet": (p: { time: string; label: string; idle: boolean; counts: string; exitCode: number }) =>
    `${p.time} ${p.label}: ${p.idle ? "nothing pending; " : ""}${p.counts} (exit ${p.exitCode})`,
  "summary.quietStopped": (p: { time: string; label: string; exitCode: number }) =>
    `${p.time} ${p.label}: stopped (exit ${p.exitCode})`,
  "summary.nothingPending": "No rows are pending: nothing to finish.",
  "summary.invalidCount": (p: { n: number }) => `${p.n} invalid`,
  "summary.duplicateCount": (p: { n: number }) => `${p.n} duplicate`,
  "summary.rowsToFix": (p: { counts: readonly string[] }) =>
    `rows to fix (${p.counts.join(", ")}) still make the exit code 1: fix them and sync, or pass --fail-on failed.`,
  "summary.limit": (p: { n: number; dryRun: boolean }) => {
    const what = p.n === 1 ? "1 more row was" : `${p.n} more rows were`;
    if (p.dryRun) return `${what} left out by --limit (not planned); run without --limit to plan every row.`;
    const they = p.n === 1 ? "it keeps its" : "they keep their";
    return `${what} left out by --limit: ${they} last result in the results; run without --limit to sync ${p.n === 1 ? "it" : "them"}.`;
  },
  "summary.notSynced": (p: { n: number }) =>
    `${p.n === 1 ? "1 row was" : `${p.n} rows were`} never synced (this command only finishes what sync started): run "chatguru-sync sync" to send ${p.n === 1 ? "it" : "them"}.`,
  "summary.notReached": (p: { missed: number; kept: number; recorded: number; resultsKept: boolean }) => {
    const rows = p.missed === 1 ? "1 row was" : `${p.missed} rows were`;
    if (p.resultsKept)
      return `${rows} not reached: the results file keeps what earlier runs wrote; fix the error below and run again.`;
    if (p.kept === 0 && p.recorded === 0)
      return `${rows} not reached (no status in the results): run again to continue.`;
    const one = p.missed === 1;
    if (p.kept === p.missed)
      return `${rows} not reached: ${one ? "it keeps its" : "they keep their"} last result from an earlier run in the results; run again to continue.`;
    if (p.recorded === p.missed)
      return `${rows} not reached: ${one ? "it shows" : "they show"} what this run recorded before it stopped; run again to continue.`;
    const blank = p.missed - p.kept - p.recorded;
    const parts = [
      ...(p.kept > 0 ? [`${p.kept} keep${p.kept === 1 ? "s its" : " their"} last result from an earlier run`] : []),
      ...(p.recorded > 0
        ? [`${p.recorded} show${p.recorded === 1 ? "s" : ""} what this run recorded before it stopped`]
        : []),
      ...(blank > 0 ? [`${blank} ${blank === 1 ? "has" : "have"} no status in the results`] : []),
    ];
    return `${rows} not reached: ${parts.join(", ")}; run again to continue.`;
  },
  "summary.workbook": (p: { path: string; dryRun: boolean }) =>
    `${p.dryRun ? "plan" : "results"} for Excel: ${p.path} (the same rows, opens right in Excel)`,
  "summary.errorsWorkbook": (p: { path: string }) =>
    `errors for Excel: ${p.path} (fix the rows there and sync it, if you prefer)`,
  "status.count": (p: { n: number; status: string }) => `${p.n} ${p.status}`,
  "status.checked": (p: { checked: number; statuses: readonly string[] }) =>
    `messages: ${p.checked} checked — ${p.statuses.join(", ")}.`,
  "status.unanswered": (p: { n: number }) =>
    `${p.n} could not be checked (ChatGuru did not answer): ${p.n === 1 ? "it keeps its" : "they keep their"} last known status.`,
  "status.noneChanged": "none changed since the last check.",
  "status.changed": (p: { n: number }) => `${p.n} changed since the last check:`,
  "status.change": (p: { row: number; file: boolean; from: string; to: string }) =>
    `row ${p.row}${p.file ? " (file)" : ""}: ${p.from} → ${p.to}`,
  "status.none": "no status",
  "status.value": (p: { status: string }) => p.status,
  "status.more": (p: { n: number }) => `… and ${p.n} more (chatguru_message_status in the results).`,
  "summary.requests": (p: { total: number; retries: number; byAction: readonly string[] }) =>
    `requests: ${p.total}${p.retries ? ` (${p.retries} retried)` : ""}${p.byAction.length ? ` — ${p.byAction.join(", ")}` : ""}`,
  "summary.actionCount": (p: { action: string; n: number }) => `${p.action} ${p.n}`,
  "summary.planFile": (p: { path: string }) => `plan file: ${p.path}`,
  "summary.results": (p: { path: string }) => `results: ${p.path}`,
  "summary.errors": (p: { path: string }) =>
    `errors: ${p.path} (only the rows to fix: fix them there and sync that file — its header is on row 1)`,
  "summary.state": (p: { path: string }) => `state: ${p.path}`,
  "summary.addsPending": (p: { n: number }) =>
    `${p.n} chat${p.n > 1 ? "s are" : " is"} still being added by ChatGuru: run "chatguru-sync status" (same --source/--mapping) or the next sync to finish ${p.n > 1 ? "them" : "it"}.`,
  "summary.firstProblems": (p: { shown: number; total: number }) =>
    `First problems${p.total > p.shown ? ` (${p.shown} of ${p.total}; all are in the results file)` : ""}:`,
  "summary.rowProblem": (p: { outcome: string; error: string }) => `${p.outcome} — ${p.error}`,
  "summary.metStopper": (p: { rows: readonly number[] }) =>
    `${p.rows.length > 1 ? "Rows" : "Row"} ${p.rows.join(", ")}: failed — the error below`,
  "summary.rateLimited": (p: { seconds: number }) =>
    `ChatGuru answered 429 (rate limited): pausing all requests for ${p.seconds} s.`,
  "summary.stopping": (p: { reason: string }) => `stopping: ${p.reason}`,
  "summary.response": (p: {
    row: number | undefined;
    action: string;
    attempt: number;
    status: number | undefined;
    ms: number;
    code: string | undefined;
  }) =>
    `${p.row !== undefined ? `row ${p.row}` : "row -"} ${p.action}${p.attempt > 1 ? ` (attempt ${p.attempt})` : ""} → ` +
    `${p.status !== undefined ? `${p.status}` : "no answer"} in ${p.ms} ms${p.code ? ` (${p.code})` : ""}`,
  "summary.cycle": (p: { stamp: string; cycle: number; line: string }) => `${p.stamp} cycle ${p.cycle}: ${p.line}`,
  "summary.cycleError": (p: { stamp: string; cycle: number; message: string }) =>
    `${p.stamp} cycle ${p.cycle}: error: ${p.message}`,
  "number.oneDecimal": (p: { n: number }) => p.n.toFixed(1),
  "progress.format": " {bar} {value}/{total} rows | {rate} rows/s | ETA {eta_text} | {requests} requests",
  "plan.counts": (p: { new: number; changed: number; retry: number; unchanged: number }) =>
    `plan: ${p.new} new (update or create), ${p.changed} changed → update, ${p.retry} to retry, ${p.unchanged} unchanged`,
  "plan.nothingToSend": "cost: nothing to send (every row is unchanged, invalid or a duplicate)",
  "plan.cost": (p: { requests: number; time: string; concurrency: number }) =>
    `cost: about ${p.requests} request${s(p.requests, "", "s")}, ${p.time} (--concurrency ${p.concurrency}; new chats also wait 1–30 s for ChatGuru to add them)`,
  "plan.time": (p: { duration: string; rate: number }) => `≈ ${p.duration} at --rate ${p.rate}`,
  "plan.noRateCap": "no --rate cap, so the time depends on how fast ChatGuru answers",
  "plan.previewHead": (p: { n: number }) =>
    p.n === 1 ? "the one row to send, as it will be sent" : `first ${p.n} rows as they will be sent`,
  "plan.previewRow": (p: { row: number; status: string; parts: readonly string[] }) =>
    `row ${p.row} (${p.status}): ${p.parts.join(" · ")}`,
  "plan.status": (p: { status: string }) => p.status,
  "plan.noCustomField": "no custom field",
  "plan.note": (p: { note: string }) => `note ${p.note}`,
  "duration.seconds": (p: { n: number }) => `${p.n} s`,
  "duration.minutes": (p: { n: number }) => `${p.n} min`,
  "duration.hours": (p: { h: number; min: number }) => `${p.h} h ${String(p.min).padStart(2, "0")} min`,
  "messages.plan": (p: { wouldSend: number; overCap: number }) =>
    `messages: ${p.wouldSend} would be sent${p.overCap > 0 ? ` (${p.overCap} more wait for a later run: --max-messages)` : ""}` +
    (p.wouldSend > 0 ? "; the first ones in full:" : "."),
  "messages.mayBeHeld": (p: { n: number }) =>
    `(${p.n} of them may have been sent by an earlier run whose journal is gone: a real run holds those ` +
    "whose chat already exists in ChatGuru until you check them and release them with --release-held)",
  "messages.late": (p: { n: number }) =>
    `${p.n} message(s) will not be sent: their send date is in the past (the rest of those rows still goes).`,
  "messages.sample": (p: { row: number; chat: string; kind: string; sendDate: string | undefined }) =>
    `row ${p.row} → ${p.chat} ${p.kind}${p.sendDate ? ` at ${p.sendDate} (Brasília)` : ""}:`,
  "messages.kind.message": "message",
  "messages.kind.file": "file",
  "messages.sent": (p: {
    sent: number;
    uncertain: number;
    deferred: number;
    maxMessages: number;
    heldRows: number;
    uncertainRows: number;
  }) => {
    const parts = [`${p.sent} sent`];
    if (p.uncertain > 0) {
      parts.push(
        `${p.uncertain} of them uncertain (ChatGuru's answer was lost; never sent again: check those rows' chats in ChatGuru)`,
      );
    }
    if (p.deferred > 0) parts.push(`${p.deferred} wait for the next run (--max-messages ${p.maxMessages})`);
    if (p.heldRows > 0) parts.push(`${p.heldRows} row(s) held: check them, then re-run with --release-held`);
    // This run's uncertain sends are counted above; rows still waiting from earlier runs are counted here too.
    if (p.uncertainRows > 0) parts.push(`${p.uncertainRows} row(s) with a send of unknown outcome`);
    return `messages: ${parts.join(", ")}.`;
  },
  "messages.listed.held": (p: { row: number; number: string; what: readonly string[] }) =>
    `row ${p.row} → ${p.number}: held: ${p.what.join(" and ") || "dialog/message"}`,
  "messages.listed.uncertain": (p: { row: number; number: string; what: readonly string[] }) =>
    `row ${p.row} → ${p.number}: uncertain: ${p.what.join(" and ")}`,
  "messages.listed.more": (p: { n: number }) => `…and ${p.n} more (the errors file lists every one)`,
  "messages.listed.releaseHeld": (p: { numbers: string }) =>
    `check those chats in ChatGuru, then send what is not there: --release-held ${p.numbers} (or --release-held for all)`,
  "messages.listed.resolve": (p: { numbers: string }) =>
    `check those chats in ChatGuru: if the message is there, --resolve ${p.numbers}; if not, --release-held ${p.numbers}`,
  "validate.checked": (p: { n: number; label: string; seconds: number }) =>
    `Checked ${p.n} row${s(p.n, "", "s")} of ${p.label} in ${p.seconds.toFixed(1)}s (no API calls).`,
  "validate.counts": (p: { valid: number; invalid: number; duplicate: number }) =>
    `valid: ${p.valid}   invalid: ${p.invalid}   duplicate: ${p.duplicate}`,
  "validate.problemsSome": (p: { shown: number; total: number }) => `Problems (first ${p.shown} of ${p.total}):`,
  "validate.problemsAll": (p: { total: number }) => `Problems (${p.total}):`,
  "validate.resultsWritten": (p: { path: string }) => `Results written to ${p.path}`,
  "validate.useResults": "Use --results PATH to get every problem beside its row.",
} satisfies Record<string, Entry>;
