import {
  classifyChatGuruError,
  isSendRequest,
  NOT_REPEATABLE_ACTIONS,
  type ChatGuruErrorClass,
} from "../../chatguru/classify-error.js";
import { isChatGuruError } from "../../chatguru/errors.js";
import type { CallOptions, ChatGuruClient, ChatGuruResponse } from "../../chatguru/types.js";
import { withHint } from "../../messages/hint.js";
import { text } from "../../messages/text.js";
import { RunAbortedError, textOf } from "../../errors.js";
import type { SyncEventListener } from "../shared/events.js";
import type { RequestCounts } from "../shared/sync-report.js";
import { Priority, type RequestQueue } from "./request-queue.js";
import { AT_LEAST_ONCE_ACTIONS, backoffDelay, rateLimitPause, type RetryPolicy } from "./retry-policy.js";
import { RowFailure } from "../shared/row-failure.js";
import { sleep } from "../../util/sleep.js";
import { ChatGuruError } from "../../chatguru/errors.js";
import { isSyncError } from "../../errors.js";

const errorCode = (error: unknown) => (isSyncError(error) ? error.code : undefined);

export interface ScheduledClientOptions {
  client: ChatGuruClient;
  queue: RequestQueue;
  policy: RetryPolicy;
  onEvent?: SyncEventListener;
  /** Stop: requests not yet started are dropped and backoff sleeps end (SIGINT, or a fatal error elsewhere). */
  signal?: AbortSignal;
  /** Hard stop: cancels requests in flight (SIGINT grace period over). */
  hardSignal?: AbortSignal;
  random?: () => number;
  /** Backoff waits (injected so tests need no real timers). @default util/sleep */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * CallOptions the engine adds: `beforeAttempt` runs inside the queue slot, right before the request goes out (a
 * message's intent is journaled there, so a kill loses at most the sends really in flight, not every queued one);
 * `lateParams` then gives the params to send, decided as late as possible (chat-target.ts: which number form);
 * `rowNumber` names the spreadsheet row in the request events (job/row-clients.ts); `onNotApplied` is told when the call
 * fails and ChatGuru certainly did not apply it: no attempt went out (dropped in the queue at a stop or a run-level
 * error) or every one that did was refused for its credentials.
 */
export type EngineCallOptions = CallOptions & {
  rowNumber?: number;
  beforeAttempt?: () => Promise<void>;
  onNotApplied?: () => void;
  lateParams?: (params: Record<string, string>) => Record<string, string>;
};

/** One call through the queue: what it asks, and whether any attempt of it may have reached ChatGuru. */
interface Call {
  action: string;
  params: Record<string, string>;
  options: EngineCallOptions;
  sent: { mayHaveApplied: boolean };
}

/** `beforeAttempt` failed: nothing was sent; its error is the call's error as is (never an unknown outcome). */
class BeforeAttemptError extends Error {
  constructor(override readonly cause: unknown) {
    super("beforeAttempt failed");
  }
}

/**
 * Puts every ChatGuru call through the one request queue and the retry table: the client stays a single attempt,
 * retries wait OUTSIDE the queue (a backoff never holds a worker slot), a 429 pauses the whole queue.
 * Per-row errors come out as RowFailure; run-level ones (auth, too many consecutive failures) as RunAbortedError, after
 * which every other call fails fast.
 */
export class ScheduledClient {
  readonly requests: RequestCounts = { total: 0, retries: 0, byAction: {} };
  /** Calls ChatGuru answered with success: none means the run changed nothing there (run-sync.ts keptAsItWas). */
  succeeded = 0;
  #fatal: RunAbortedError | undefined;
  #consecutiveFailures = 0;
  #consecutive429 = 0;
  #credentialsAccepted = false;
  readonly #options: ScheduledClientOptions;
  readonly #random: () => number;

  constructor(options: ScheduledClientOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  /** The error that stopped the run, if any. */
  get fatal(): RunAbortedError | undefined {
    return this.#fatal;
  }

  /**
   * ChatGuru answered a request of this run with anything but a refusal of the credentials (a success, or an answer
   * about the row such as "Chat não encontrado."): they were good at that moment.
   */
  get credentialsAccepted(): boolean {
    return this.#credentialsAccepted;
  }

  /** A ChatGuruClient view whose calls run at `priority` (follow-ups of started rows go first). */
  at(priority: number): ChatGuruClient {
    return {
      call: (action, params, options) => this.call(action, params, priority, options),
      close: () => undefined,
    };
  }

  async call(
    action: string,
    params: Record<string, string>,
    priority: number = Priority.NEW_ROW,
    options: CallOptions = {},
  ): Promise<ChatGuruResponse> {
    const call: Call = { action, params, options: options as EngineCallOptions, sent: { mayHaveApplied: false } };
    try {
      return await this.#call(call, priority);
    } catch (error) {
      if (!call.sent.mayHaveApplied) call.options.onNotApplied?.();
      throw error;
    }
  }

  async #call(call: Call, priority: number): Promise<ChatGuruResponse> {
    const { queue, policy, onEvent, signal, hardSignal } = this.#options;
    const { action, params } = call;
    const rowNumber = call.options.rowNumber;
    // Decided on the planned params: lateParams only changes the number form, never the text or the dialog.
    const send = isSendRequest(action, params);
    let failures = 0;
    for (;;) {
      if (this.#fatal) throw this.#fatal;
      signal?.throwIfAborted();
      let error: unknown;
      try {
        const attempt = () => this.#attempt(call, { failures, rowNumber, send });
        const response = await queue.run(attempt, priority, signal);
        this.#consecutiveFailures = 0;
        this.#consecutive429 = 0;
        this.succeeded += 1;
        return response;
      } catch (caught) {
        error = caught;
      }
      if (error instanceof BeforeAttemptError) throw error.cause;
      // A refusal of the credentials is the run's stop, also when another request's refusal began the stop first:
      // rows must see the stop (a send refused is proved not sent), not a row failure of their own.
      if (this.#fatal && classifyChatGuruError(error).kind === "auth") throw this.#fatal;
      if (error === this.#fatal || signal?.aborted || hardSignal?.aborted) throw error;
      if (this.#route(classifyChatGuruError(error, { send }), error, action) === "again") continue;
      failures += 1;
      if (failures >= policy.maxAttempts) {
        throw new RowFailure(
          "CHATGURU_UNAVAILABLE",
          text("run.gaveUp", { message: textOf(error), attempts: failures }),
          action,
        );
      }
      const delayMs = backoffDelay(failures, policy, this.#random);
      this.requests.retries += 1;
      onEvent?.({ type: "retry", action, attempt: failures + 1, delayMs, reason: (error as Error).message });
      await (this.#options.sleep ?? sleep)(delayMs, signal);
    }
  }

  /** One request, run inside a queue slot. */
  async #attempt(
    call: Call,
    { failures, rowNumber, send }: { failures: number; rowNumber: number | undefined; send: boolean },
  ): Promise<ChatGuruResponse> {
    const { client, onEvent, hardSignal } = this.#options;
    const { action, sent } = call;
    if (this.#fatal) throw this.#fatal;
    const { beforeAttempt, lateParams, rowNumber: _row, onNotApplied: _n, ...options } = call.options;
    if (beforeAttempt) await beforeAttempt().catch((error: unknown) => Promise.reject(new BeforeAttemptError(error)));
    const params = lateParams ? lateParams(call.params) : call.params;
    this.requests.total += 1;
    this.requests.byAction[action] = (this.requests.byAction[action] ?? 0) + 1;
    const attempt = failures + 1;
    onEvent?.({ type: "request", action, attempt });
    const started = performance.now();
    const answered = (status: number | undefined, code?: string) =>
      onEvent?.({
        type: "response",
        action,
        attempt,
        ...(rowNumber !== undefined ? { rowNumber } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(code !== undefined ? { code } : {}),
        ms: Math.round(performance.now() - started),
      });
    try {
      const response = await client.call(action, params, hardSignal ? { ...options, signal: hardSignal } : options);
      // ChatGuru's envelope `code` is the HTTP status it answered with.
      answered(typeof response.code === "number" ? response.code : undefined);
      this.#credentialsAccepted = true;
      return response;
    } catch (failure) {
      const verdict = classifyChatGuruError(failure, { send });
      // A credentials refusal or a redirect is an answer that nothing was done; anything else (a 5xx, no answer) may
      // have been applied.
      if (verdict.kind !== "auth" && verdict.kind !== "moved") sent.mayHaveApplied = true;
      if (verdict.kind === "row") this.#credentialsAccepted = true;
      answered(failure instanceof ChatGuruError ? failure.httpStatus : undefined, errorCode(failure));
      this.#reactBeforeSlotFrees(verdict, failure);
      throw failure;
    }
  }

  /**
   * What a failed request means: thrown when it ends the call (a row problem, a lost answer that must not be resent,
   * a run-level stop); "again" for a 429 (it does not spend an attempt); "backoff" for a retryable failure.
   */
  #route(verdict: ChatGuruErrorClass, error: unknown, action: string): "again" | "backoff" {
    switch (verdict.kind) {
      case "auth":
      case "moved":
        throw this.#fatal ?? error;
      case "retry-after":
        // Already paused by #reactBeforeSlotFrees; a 429 does not spend an attempt.
        if (this.#consecutive429 >= this.#options.policy.maxConsecutiveRateLimits) {
          throw this.#abort(
            new RunAbortedError(
              "CHATGURU_RATE_LIMITED",
              text("run.rateLimitedStreakAgain", {
                message: withHint(
                  text("run.rateLimitedStreak", { times: this.#consecutive429 }),
                  "CHATGURU_RATE_LIMITED",
                ),
              }),
              { cause: error },
            ),
          );
        }
        this.requests.retries += 1;
        return "again";
      case "row":
        // "Chat não encontrado." is an expected answer in upsert and 9th-digit probing, not a failing request.
        if (verdict.code !== "CHATGURU_CHAT_NOT_FOUND") this.#countFailure(error);
        throw new RowFailure(verdict.code, textOf(error), action);
      case "unknown-outcome":
        // A chat_add whose response was lost is never resent blindly, and no send (message, file, dialog, an add
        // with visible text) is resent after a 500/502/504, a timeout or a reset: the row pipeline decides. Checked
        // before counting, so a 20th failure that aborts the run still leaves the add marked uncertain.
        if (action === "chat_add") {
          try {
            this.#countFailure(error);
          } catch {
            // The run is now aborting (#fatal is set); the row must still learn that its add is uncertain.
          }
          throw new RowFailure("ADD_OUTCOME_UNKNOWN", textOf(error), action);
        }
        this.#countFailure(error);
        if (NOT_REPEATABLE_ACTIONS.has(action) && !AT_LEAST_ONCE_ACTIONS.has(action))
          throw new RowFailure("OUTCOME_UNKNOWN", textOf(error), action);
        return "backoff";
      case "retry":
        this.#countFailure(error);
        return "backoff";
    }
  }

  /**
   * Runs while the failed request still holds its queue slot, so no other request starts in between: an auth error
   * stops the run, and a 429 pauses the whole queue (one account, one limit) before the freed slot could start something new.
   */
  #reactBeforeSlotFrees(verdict: ChatGuruErrorClass, error: unknown): void {
    if (verdict.kind === "moved") {
      // Every call goes to the same outdated URL: stop at once, like a credentials refusal.
      this.#abort(new RunAbortedError("CHATGURU_REDIRECT", textOf(error), { cause: error }));
    } else if (verdict.kind === "auth") {
      this.#abort(
        new RunAbortedError(
          "CHATGURU_AUTH",
          // The message already says what to check (the CHATGURU_AUTH hint).
          textOf(error),
          { cause: error },
        ),
      );
    } else if (verdict.kind === "retry-after") {
      this.#consecutive429 += 1;
      const pauseMs = rateLimitPause(verdict.ms, this.#consecutive429, this.#options.policy);
      this.#options.queue.pauseFor(pauseMs);
      this.#options.onEvent?.({ type: "rate-limited", pauseMs });
    } else if (isChatGuruError(error) && error.httpStatus !== undefined) {
      // Any answer that is not a 429 (a "Chat não encontrado." probe, a refusal, a 5xx) shows the server is letting
      // requests through: "429 N times in a row" must mean in a row. A request with no answer proves nothing.
      this.#consecutive429 = 0;
    }
  }

  #countFailure(error: unknown): void {
    this.#consecutiveFailures += 1;
    if (this.#consecutiveFailures >= this.#options.policy.maxConsecutiveFailures) {
      throw this.#abort(
        new RunAbortedError(
          "TOO_MANY_FAILURES",
          text("run.tooManyFailures", { count: this.#consecutiveFailures, last: textOf(error) }),
          { cause: error },
        ),
      );
    }
  }

  #abort(error: RunAbortedError): RunAbortedError {
    this.#fatal ??= error;
    return this.#fatal;
  }
}
