import cliProgress from "cli-progress";
import { messageLines } from "./render-messages.js";
import { formatProblem } from "../core/format-problem.js";
import type { SyncEvent } from "../engine/events.js";
import type { SyncReport } from "../engine/report.js";
import type { CliIO } from "./command.js";
import { planLines } from "./render-plan.js";
import { formatDuration, remainingSeconds } from "./format-duration.js";
import {
  countsLine,
  idleLines,
  limitLine,
  messageStatusLines,
  notReachedLine,
  notSyncedLine,
  runLine,
  summaryLine,
} from "./summary-lines.js";

export { countsLine, summaryLine };

const MAX_PROBLEMS_SHOWN = 20;

/**
 * Turns engine events into what a person sees on stderr: a progress bar only when stderr is a TTY (never in CI or
 * pipes), warnings as they happen, and the human summary at the end.
 */
export interface RendererOptions {
  quiet: boolean;
  progress: boolean;
  /** One line per ChatGuru request (row, action, HTTP status, latency). @default false */
  verbose?: boolean;
  /** `sync leads.csv`: what the one --quiet summary line names. @default "sync" */
  label?: string;
  /** The `status` command: it runs only the rows an earlier run left pending. @default false */
  pendingOnly?: boolean;
  /** `--limit N`: the run handles at most N rows, however many the file has. @default no limit */
  limit?: number;
}

const NOTHING_PENDING = "No rows are pending: nothing to finish.";

export class SyncRenderer {
  readonly #io: CliIO;
  readonly #quiet: boolean;
  /** Rows left `pending` because their messages were held or capped, not because an add is still running. */
  #heldOrCapped = 0;
  readonly #verbose: boolean;
  readonly #label: string;
  #bar: cliProgress.SingleBar | undefined;
  #done = 0;
  #total = 0;
  #started = Date.now();
  readonly problems: Array<{ row: number; text: string; code: string }> = [];
  #problemCount = 0;
  #pauses = 0;
  #requests = 0;
  readonly #pendingOnly: boolean;
  /** Rows this run sent requests for; `status` leaves every other row as the last run had it. */
  #ran = 0;
  readonly #limit: number | undefined;
  /** --quiet: warnings wait for the end, and are printed only when the run did not end as --fail-on accepts. */
  readonly #heldWarnings: string[] = [];

  constructor(io: CliIO, options: RendererOptions) {
    this.#io = io;
    this.#quiet = options.quiet;
    this.#verbose = options.verbose ?? false;
    this.#label = options.label ?? "sync";
    this.#pendingOnly = options.pendingOnly ?? false;
    this.#limit = options.limit;
    if (options.progress && !options.quiet && io.stderr.isTTY) {
      this.#bar = new cliProgress.SingleBar(
        {
          stream: io.stderr as unknown as NodeJS.WritableStream,
          // Our own ETA: cli-progress's formatter rounds the seconds after splitting ("5m60s").
          format: " {bar} {value}/{total} rows | {rate} rows/s | ETA {eta_text} | {requests} requests",
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
    }
  }

  /** Whether a progress bar is drawn (stderr is a TTY and the output is for a person). */
  get drawsProgress(): boolean {
    return this.#bar !== undefined;
  }

  /** An estimated row count (for the ETA) until the engine knows the exact total. */
  setEstimate(rows: number): void {
    if (this.#total === 0) this.#total = rows;
  }

  readonly onEvent = (event: SyncEvent): void => {
    switch (event.type) {
      case "start":
        this.#started = Date.now();
        this.#bar?.start(this.#total, 0, { rate: "0", requests: 0, eta_text: formatDuration(NaN) });
        break;
      case "row":
        this.#done += 1;
        if (this.#done > this.#total) this.#total = this.#done;
        if (event.outcome !== "skipped" && event.outcome !== "invalid" && event.outcome !== "duplicate") this.#ran += 1;
        if (
          event.error &&
          (event.outcome === "invalid" || event.outcome === "duplicate" || event.outcome === "failed")
        ) {
          this.#problemCount += 1;
          if (this.problems.length < MAX_PROBLEMS_SHOWN)
            this.problems.push({
              row: event.rowNumber,
              text: formatProblem({ row: event.rowNumber, message: `${event.outcome} — ${event.error}` }),
              code: event.error.split(":", 1)[0]!,
            });
        }
        this.#tick();
        break;
      case "source-done":
        // The file's length is not the run's under --limit: the rows after it are passed through, not synced.
        this.#total = this.#limit !== undefined ? Math.min(event.total, this.#limit) : event.total;
        // Drawn now whatever the throttle says: the last frame is what stays on screen if the bar is not cleared.
        this.#lastDraw = 0;
        this.#tick();
        break;
      case "request":
        this.#requests += 1;
        break;
      case "response":
        if (this.#verbose) this.#log(responseLine(event), true);
        break;
      case "rate-limited":
        this.#pauses += 1;
        if (this.#pauses === 1)
          this.#log(
            `ChatGuru answered 429 (rate limited): pausing all requests for ${Math.round(event.pauseMs / 100) / 10} s.`,
          );
        break;
      case "warning":
        if (this.#quiet && !this.#bar) this.#heldWarnings.push(`warning: ${event.message}`);
        else this.#log(`warning: ${event.message}`);
        break;
      case "notice":
        this.#log(event.message);
        break;
      case "aborting":
        // A run-level stop (credentials, unknown field, too many failures) is told once, by the summary's `error:`
        // line with its advice. Ctrl-C gets its line now: the wait for requests in flight follows it.
        if (this.#io.signal.aborted) this.#log(`stopping: ${event.reason}`);
        break;
      case "messages-plan":
      case "messages-sent":
        if (event.type === "messages-sent") this.#heldOrCapped = event.heldRows + event.deferred;
        for (const line of messageLines(event)) this.#log(line);
        break;
      default:
        break;
    }
  };

  #lastDraw = 0;
  #tick(): void {
    if (!this.#bar) return;
    const now = Date.now();
    if (now - this.#lastDraw < 100 && this.#done < this.#total) return;
    this.#lastDraw = now;
    const seconds = (now - this.#started) / 1000;
    this.#bar.setTotal(Math.max(this.#total, this.#done));
    this.#bar.update(this.#done, {
      rate: seconds > 0 ? (this.#done / seconds).toFixed(1) : "0",
      requests: this.#requests,
      eta_text: formatDuration(remainingSeconds(this.#done, this.#total, seconds) ?? NaN),
    });
  }

  /** `always`: printed with --quiet too (what --verbose asked for). */
  #log(line: string, always = false): void {
    if (this.#bar) {
      // Print above the bar without garbling it.
      this.#io.stderr.write(`\r\x1b[K${line}\n`);
    } else if (!this.#quiet || always) {
      this.#io.stderr.write(`${line}\n`);
    }
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = undefined;
  }

  /** status with no pending row: its counts ("2 unchanged") would only hide that it had nothing to do. */
  idle(report: SyncReport): boolean {
    return this.#pendingOnly && this.#ran === 0 && !report.notReached && !report.error;
  }

  /** The human summary (stderr). */
  summary(report: SyncReport, options: { dryRun: boolean }): void {
    this.stop();
    const out = (line = "") => this.#io.stderr.write(`${line}\n`);
    const idle = this.idle(report);
    if (this.#quiet) {
      // cron mails whatever a job prints: nothing when the run ended as --fail-on accepts; otherwise one dated line,
      // the warnings, the rows to look at and the error.
      if (report.exitCode === 0) return;
      out(runLine(this.#label, report, options.dryRun, idle));
      for (const warning of this.#heldWarnings) out(warning);
      this.#problemLines(report, out);
      if (report.error) out(`error: ${report.error.message}`);
      return;
    }
    out(idle ? NOTHING_PENDING : summaryLine(report, options.dryRun));
    for (const line of messageStatusLines(report)) out(`  ${line}`);
    if (idle) for (const line of idleLines(report)) out(`  ${line}`);
    const byAction = Object.entries(report.requests.byAction)
      .map(([action, n]) => `${action} ${n}`)
      .join(", ");
    if (!options.dryRun && !idle)
      out(
        `  requests: ${report.requests.total}${report.requests.retries ? ` (${report.requests.retries} retried)` : ""}${byAction ? ` — ${byAction}` : ""}`,
      );
    if (report.plan) for (const line of planLines(report.plan)) out(line);
    // A dry run writes its plan, never the results (SPEC §5).
    if (report.results) out(options.dryRun ? `  plan file: ${report.results}` : `  results: ${report.results}`);
    if (report.resultsWorkbook)
      out(
        `  ${options.dryRun ? "plan" : "results"} for Excel: ${report.resultsWorkbook} (the same rows, opens right in Excel)`,
      );
    if (report.errors)
      out(
        `  errors: ${report.errors} (only the rows to fix: fix them there and sync that file — its header is on row 1)`,
      );
    if (report.errorsWorkbook)
      out(`  errors for Excel: ${report.errorsWorkbook} (fix the rows there and sync it, if you prefer)`);
    if (report.state) out(`  state: ${report.state}`);
    const addsPending = report.counts.pending - this.#heldOrCapped;
    if (addsPending > 0 && !options.dryRun) {
      out(
        `  ${addsPending} chat${addsPending > 1 ? "s are" : " is"} still being added by ChatGuru: run "chatguru-sync status" (same --source/--mapping) or the next sync to finish ${addsPending > 1 ? "them" : "it"}.`,
      );
    }
    const notReached = notReachedLine(report);
    if (notReached) out(`  ${notReached}`);
    const later = limitLine(report.beyondLimit ?? 0, options.dryRun === true);
    if (later) out(`  ${later}`);
    const never = notSyncedLine(report.notSynced ?? 0);
    if (never) out(`  ${never}`);
    this.#problemLines(report, out);
    if (report.error) out(`error: ${report.error.message}`);
  }

  #problemLines(report: SyncReport, out: (line: string) => void): void {
    if (this.problems.length === 0) return;
    out(
      `First problems${this.#problemCount > this.problems.length ? ` (${this.problems.length} of ${this.#problemCount}; all are in the results file)` : ""}:`,
    );
    // Rows that met the error that stopped the run say it once, as the last line does, not once per row.
    const stopper = report.error?.code;
    const sorted = [...this.problems].sort((a, b) => a.row - b.row);
    for (const p of sorted) if (p.code !== stopper) out(`  ${p.text}`);
    const met = sorted.filter((p) => p.code === stopper).map((p) => p.row);
    if (met.length > 0) out(`  ${met.length > 1 ? "Rows" : "Row"} ${met.join(", ")}: failed — the error below`);
  }
}

/** `row 14 chat_add → 201 in 132 ms`; never parameters, so never a phone's custom values or the key. */
export function responseLine(event: Extract<SyncEvent, { type: "response" }>): string {
  const row = event.rowNumber !== undefined ? `row ${event.rowNumber}` : "row -";
  const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : "";
  const answer = event.status !== undefined ? `${event.status}` : "no answer";
  return `${row} ${event.action}${attempt} → ${answer} in ${event.ms} ms${event.code ? ` (${event.code})` : ""}`;
}
