import cliProgress from "cli-progress";
import { messageLines } from "./render-messages.js";
import { problemText } from "../messages/problem.js";
import { text } from "../messages/text.js";
import { ENGLISH, type Speaker } from "../messages/translate.js";
import type { SyncEvent } from "../engine/shared/events.js";
import type { SyncReport } from "../engine/shared/sync-report.js";
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

export class SyncRenderer {
  readonly #io: CliIO;
  /** Says every line in the person's language. */
  readonly #sp: Speaker;
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
    this.#sp = io.speaker ?? ENGLISH;
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
          format: this.#sp.t("progress.format"),
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
              text: this.#sp.say(
                problemText({
                  row: event.rowNumber,
                  message: text("summary.rowProblem", {
                    outcome: text(`outcome.${event.outcome}`),
                    error: event.errorText ?? event.error,
                  }),
                }),
              ),
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
        if (this.#verbose) this.#log(responseLine(event, this.#sp), true);
        break;
      case "rate-limited":
        this.#pauses += 1;
        if (this.#pauses === 1)
          this.#log(this.#sp.t("summary.rateLimited", { seconds: Math.round(event.pauseMs / 100) / 10 }));
        break;
      case "warning": {
        const line = this.#sp.t("prefix.warning", { message: event.text ?? event.message });
        if (this.#quiet && !this.#bar) this.#heldWarnings.push(line);
        else this.#log(line);
        break;
      }
      case "notice":
        this.#log(this.#sp.say(event.text ?? event.message));
        break;
      case "aborting":
        // A run-level stop (credentials, unknown field, too many failures) is told once, by the summary's `error:`
        // line with its advice. Ctrl-C gets its line now: the wait for requests in flight follows it.
        if (this.#io.signal.aborted) this.#log(this.#sp.t("summary.stopping", { reason: event.text ?? event.reason }));
        break;
      case "messages-plan":
      case "messages-sent":
        if (event.type === "messages-sent") this.#heldOrCapped = event.heldRows + event.deferred;
        for (const line of messageLines(event, this.#sp)) this.#log(line);
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
      rate: seconds > 0 ? this.#sp.t("number.oneDecimal", { n: this.#done / seconds }) : "0",
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
    const sp = this.#sp;
    const out = (line = "") => this.#io.stderr.write(`${line}\n`);
    const error = report.error ? sp.t("prefix.error", { message: report.error.text ?? report.error.message }) : "";
    const idle = this.idle(report);
    if (this.#quiet) {
      // cron mails whatever a job prints: nothing when the run ended as --fail-on accepts; otherwise one dated line,
      // the warnings, the rows to look at and the error.
      if (report.exitCode === 0) return;
      out(runLine(this.#label, report, options.dryRun, idle, sp));
      for (const warning of this.#heldWarnings) out(warning);
      this.#problemLines(report, out);
      if (report.error) out(error);
      return;
    }
    out(idle ? sp.t("summary.nothingPending") : summaryLine(report, options.dryRun, sp));
    for (const line of messageStatusLines(report, sp)) out(`  ${line}`);
    if (idle) for (const line of idleLines(report, sp)) out(`  ${line}`);
    const byAction = Object.entries(report.requests.byAction).map(([action, n]) =>
      sp.t("summary.actionCount", { action, n }),
    );
    if (!options.dryRun && !idle)
      out(
        `  ${sp.t("summary.requests", { total: report.requests.total, retries: report.requests.retries, byAction })}`,
      );
    if (report.plan) for (const line of planLines(report.plan, sp)) out(line);
    // A dry run writes its plan, never the results.
    if (report.results)
      out(`  ${sp.t(options.dryRun ? "summary.planFile" : "summary.results", { path: report.results })}`);
    if (report.resultsWorkbook)
      out(`  ${sp.t("summary.workbook", { path: report.resultsWorkbook, dryRun: options.dryRun })}`);
    if (report.errors) out(`  ${sp.t("summary.errors", { path: report.errors })}`);
    if (report.errorsWorkbook) out(`  ${sp.t("summary.errorsWorkbook", { path: report.errorsWorkbook })}`);
    if (report.state) out(`  ${sp.t("summary.state", { path: report.state })}`);
    const addsPending = report.counts.pending - this.#heldOrCapped;
    if (addsPending > 0 && !options.dryRun) out(`  ${sp.t("summary.addsPending", { n: addsPending })}`);
    const notReached = notReachedLine(report, sp);
    if (notReached) out(`  ${notReached}`);
    const later = limitLine(report.beyondLimit ?? 0, options.dryRun === true, sp);
    if (later) out(`  ${later}`);
    const never = notSyncedLine(report.notSynced ?? 0, sp);
    if (never) out(`  ${never}`);
    this.#problemLines(report, out);
    if (report.error) out(error);
  }

  #problemLines(report: SyncReport, out: (line: string) => void): void {
    if (this.problems.length === 0) return;
    const sp = this.#sp;
    out(sp.t("summary.firstProblems", { shown: this.problems.length, total: this.#problemCount }));
    // Rows that met the error that stopped the run say it once, as the last line does, not once per row.
    const stopper = report.error?.code;
    const sorted = [...this.problems].sort((a, b) => a.row - b.row);
    for (const p of sorted) if (p.code !== stopper) out(`  ${p.text}`);
    const met = sorted.filter((p) => p.code === stopper).map((p) => p.row);
    if (met.length > 0) out(`  ${sp.t("summary.metStopper", { rows: met })}`);
  }
}

/** `row 14 chat_add → 201 in 132 ms`; never parameters, so never a phone's custom values or the key. */
export function responseLine(event: Extract<SyncEvent, { type: "response" }>, sp: Speaker = ENGLISH): string {
  return sp.t("summary.response", {
    row: event.rowNumber,
    action: event.action,
    attempt: event.attempt,
    status: event.status,
    ms: event.ms,
    code: event.code,
  });
}
