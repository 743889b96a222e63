import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import type { SyncReport } from "../engine/shared/sync-report.js";
import { isSyncError, redact } from "../errors.js";
import type { CliIO } from "./command.js";
import { exitCodeOf } from "./exit-code.js";
import { secretsOf } from "./secrets.js";
import { runLine, stoppedLine } from "./summary-lines.js";
import { ENGLISH, type Speaker } from "../messages/translate.js";

/**
 * What a scheduled run leaves behind for a person: `--quiet` prints nothing when the run ends as --fail-on
 * accepts (cron mails only when something is wrong) and `--log FILE` appends one dated line per run, whatever the
 * outcome, to a file the person chose. The renderer prints the quiet summary of a run that returned a report; this
 * covers the runs that could not start or stopped with an error (missing connection settings, a mapping typo…).
 */
export class RunLog {
  readonly #io: CliIO;
  readonly #label: string;
  readonly #quiet: boolean;
  readonly #file: string | undefined;
  readonly #secrets: string[];
  /** The person's language: the log is read by a person, like the screen. */
  readonly #sp: Speaker;

  constructor(io: CliIO, args: Record<string, unknown>) {
    const command = Array.isArray(args._) && args._.length > 0 ? String(args._[0]) : "sync";
    this.#io = io;
    this.#sp = io.speaker ?? ENGLISH;
    this.#label = `${command} ${String(args.source)}`;
    this.#quiet = Boolean(args.quiet) && !args.json;
    this.#file = typeof args.log === "string" && args.log !== "" ? resolve(io.cwd, args.log) : undefined;
    const flagKey = typeof args["api-key"] === "string" ? [args["api-key"]] : [];
    this.#secrets = [...secretsOf(io, []), ...flagKey];
  }

  /** `sync leads.csv`: what the dated lines name. */
  get label(): string {
    return this.#label;
  }

  /** A run that returned its report: its line goes to the log file (the renderer prints the quiet summary). */
  finished(report: SyncReport, dryRun: boolean, idle = false): void {
    const line = runLine(this.#label, report, dryRun, idle, this.#sp);
    const error = report.error ? this.#sp.say(report.error.text ?? report.error.message) : undefined;
    this.#append(error !== undefined ? `${line} — ${this.#oneLine(error)}` : line);
  }

  /**
   * A run that could not start or stopped with an error: the dated line on stderr under --quiet (the cron log keeps
   * one line per run; main prints the error under it), and with the error's first line in the log file.
   */
  stopped(error: unknown): void {
    const line = stoppedLine(this.#label, exitCodeOf(error), this.#sp);
    if (this.#quiet) this.#io.stderr.write(`${line}\n`);
    const message = isSyncError(error)
      ? this.#sp.say(error.text ?? error.message)
      : error instanceof Error
        ? error.message
        : String(error);
    this.#append(`${line} — ${this.#oneLine(message)}`);
  }

  #oneLine(message: string): string {
    return redact(message.split(/\r?\n/, 1)[0] ?? "", this.#secrets);
  }

  #append(line: string): void {
    if (!this.#file) return;
    try {
      appendFileSync(this.#file, `${line}\n`);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const said = this.#sp.t("cli.logUnwritable", { file: this.#file, reason });
      this.#io.stderr.write(`${this.#sp.t("prefix.warning", { message: said })}\n`);
    }
  }
}
