import type { ChatGuruClient } from "../chatguru/types.js";
import type { LoadedMapping } from "../mapping/load-mapping.js";
import type { EngineOptions } from "./run/engine-options.js";
import type { Sink } from "../sinks/sink.js";
import type { OpenedSource, Source } from "../sources/source.js";
import type { StateStore } from "../state/state-store.js";
import { sleep as realSleep } from "../util/sleep.js";
import { AddTimings } from "./learning/add-timings.js";
import { Admission } from "./run/admission.js";
import { ConfigGate } from "./learning/config-gate.js";
import { checkDue, probeCredentials, type CredentialsCheck } from "./transport/credentials-check.js";
import type { SyncMode } from "./shared/settings.js";
import { RowList } from "./job/row-list.js";
import type { FollowUpSettings, RowLearners, RowServices, RowSettings } from "./job/row-context.js";
import { MessageBudget } from "./job/message-budget.js";
import { MessagePlan } from "./decide/message-plan.js";
import { MessageStatusTally } from "./run/message-status-tally.js";
import { buildReport } from "./run/report.js";
import { type SyncReport } from "./shared/sync-report.js";
import { Priority, RequestQueue } from "./transport/request-queue.js";
import { readRows } from "./run/row-loop.js";
import type { RowRunDeps } from "./run/run-row.js";
import { openRowPipeline, type RowPipeline } from "./run/row-pipeline.js";
import { RowOutput } from "./run/row-output.js";
import { RunFailures } from "./run/run-failures.js";
import { ScheduledClient } from "./transport/scheduled-client.js";
import { StopController } from "./run/stop-controller.js";
import { fedBackDuplicates } from "./run/fed-back-duplicate.js";
import { HoldEvidence, type PriorResults } from "./follow-ups/hold-evidence.js";
import { formsFromJournal, NumberForms } from "./learning/number-forms.js";
import type { EstimateKnowledge } from "./run/plan-tally.js";
import { UpsertStrategy } from "./learning/upsert-strategy.js";
import { text } from "../messages/text.js";
import { say } from "../messages/translate.js";
import { noticeEvent, warningEvent } from "./shared/events.js";

export type { RowFilter } from "./decide/decide-row.js";

/** What the engine is given rather than creates: adapters, the journal, time. */
export interface EnginePorts {
  source: Source;
  mapping: LoadedMapping;
  /** Required unless dryRun. */
  client?: ChatGuruClient;
  /** The journal (opened and closed by the caller). Required unless dryRun. */
  state?: StateStore;
  /** Path of the state file, for the report. */
  statePath?: string;
  /** The results an earlier run wrote, as evidence for the hold rule (hold-evidence.ts). */
  priorResults?: PriorResults;
  /** A dry run without a journal: the one a real run would start follows a lost journal (StateStore.lost). */
  lostJournal?: boolean;
  /** Learners started from what earlier runs learnt (state/learnt-file.ts); else each learns from scratch. */
  addTimings?: AddTimings;
  upsert?: UpsertStrategy;
  /** When ChatGuru last accepted the credentials; the run probes them when it sent nothing for too long. */
  credentials?: CredentialsCheck;
  /** Builds the sink once the source header is known. */
  createSink: (opened: OpenedSource) => Promise<Sink>;
  /** @default Date.now */
  now?: () => number;
  /** Backoff and poll waits. @default util/sleep (a timer) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The run's moving parts, built once from options and ports. */
interface Run {
  options: EngineOptions;
  ports: EnginePorts;
  mode: SyncMode;
  queue: RequestQueue;
  stop: StopController;
  failures: RunFailures;
  scheduled: ScheduledClient | undefined;
  admission: Admission;
  followUps: FollowUpSettings;
  statusTally: MessageStatusTally;
}

/**
 * read → check → classify → decide → admit → run row → write back → report (see docs/row-life.md). Row problems become outcomes;
 * run-level stops (auth, too many failures, SIGINT) end the run early with every row still written to the sink (rows
 * never reached have no status).
 */
export async function runSync(options: EngineOptions, ports: EnginePorts): Promise<SyncReport> {
  const startedAt = Date.now();
  // Internal assert: sync() always provides both for a real run.
  if (!options.dryRun && (!ports.client || !ports.state))
    throw new TypeError("runSync needs `client` and `state` unless dryRun is set");
  const run = prepare(options, ports);
  const sendsMessages = ports.mapping.message !== undefined || ports.mapping.file !== undefined;
  const holds = {
    lostJournal: ports.state?.lost === true || ports.lostJournal === true,
    release: options.releaseHeld,
  };
  const messagePlan = options.dryRun && sendsMessages ? new MessagePlan(options.maxMessages, holds) : undefined;
  let pipeline: RowPipeline<Sink> | undefined;
  let output: RowOutput | undefined;
  try {
    pipeline = await openRowPipeline(ports.source, ports.mapping, ports.createSink, options.onEvent);
    const knows = options.dryRun ? estimateKnowledge(ports) : undefined;
    output = new RowOutput(pipeline.sink, {
      onEvent: options.onEvent,
      startedAt,
      knows,
      sayCell: (said) => say(options.language, said),
    });
    const { source, statePath } = ports;
    const start = { type: "start", source: source.label, mode: run.mode, dryRun: options.dryRun } as const;
    options.onEvent?.({ ...start, ...(statePath ? { statePath } : {}) });
    const total = await readRows({
      pipeline,
      output,
      decide: { only: options.only, dryRun: options.dryRun, full: options.full, mode: run.mode },
      limit: options.limit,
      state: ports.state,
      fedBack: fedBackDuplicates(ports.mapping, pipeline.opened.headers, (key) => ports.state?.get(key)),
      evidence: new HoldEvidence(ports.mapping, ports.state, ports.priorResults),
      ...run,
      run: run.scheduled && ports.state ? rowRunDeps(run, output) : undefined,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(messagePlan ? { messagePlan } : {}),
    });
    options.onEvent?.({ type: "source-done", total });
  } catch (error) {
    run.failures.fromLoop(error, run.admission.size > 0);
  }
  // Rows already started always finish (or are cancelled after the grace period) before anything is closed.
  try {
    await run.admission.drain();
    await checkCredentials(run);
    run.failures.runError ??= run.scheduled?.fatal;
  } finally {
    run.stop.dispose();
    run.queue.close();
    await pipeline?.opened.close();
  }
  if (messagePlan) {
    options.onEvent?.({ type: "messages-plan", plan: messagePlan.summary() });
  } else if (
    !options.dryRun &&
    (sendsMessages || run.followUps.held.rows + run.followUps.uncertain.rows > 0) &&
    messagesToTell(run)
  ) {
    announceMessages(run);
  }
  return await finish(run, pipeline?.sink, output, startedAt);
}

/**
 * A run that stopped (a mapping typo, a missing file, refused credentials, Ctrl-C) with no message sent, put off or
 * held has nothing true to say about messages: "messages: 0 sent." above the error read as if the run had finished.
 * Nor has `status` when it sent none: it finishes what a sync started, and says what it learnt of earlier messages.
 */
function messagesToTell(run: Run): boolean {
  const { budget, held, uncertain } = run.followUps;
  const stopped = run.failures.failure !== undefined || run.failures.runError !== undefined || run.stop.interrupted;
  return !(stopped || run.options.only === "pending") || budget.sent + budget.deferred + held.rows + uncertain.rows > 0;
}

/**
 * A run that sent nothing (every row unchanged) checks the credentials when ChatGuru has not accepted them for a while
 * (credentials-check.ts): a revoked key is noticed within hours, not when a row next changes. Any answer this run got
 * that proves them is recorded for the next run.
 */
async function checkCredentials(run: Run): Promise<void> {
  const { scheduled, ports, options, failures } = run;
  const check = ports.credentials;
  if (!scheduled || !check || options.dryRun) return;
  const now = ports.now ?? Date.now;
  const quiet = failures.failure === undefined && failures.runError === undefined && !run.stop.stopped;
  if (quiet && scheduled.requests.total === 0 && checkDue(check, now())) {
    options.onEvent?.(noticeEvent(text("run.credentialsCheck")));
    await probeCredentials(scheduled);
  }
  if (scheduled.credentialsAccepted) check.acceptedAt = now();
}

/** What a dry run's estimate starts from: what a real run would start from (learners.ts, the journal's numbers). */
function estimateKnowledge(ports: EnginePorts): EstimateKnowledge {
  const newShare = ports.upsert?.newShare;
  return {
    forms: ports.state ? formsFromJournal(ports.state.entries()) : new NumberForms(),
    ...(newShare === undefined ? {} : { newShare }),
  };
}

function announceMessages(run: Run): void {
  const { budget, held, uncertain } = run.followUps;
  run.options.onEvent?.({
    type: "messages-sent",
    sent: budget.sent,
    uncertain: budget.uncertain,
    deferred: budget.deferred,
    heldRows: held.rows,
    held: [...held.first],
    uncertainRows: uncertain.rows,
    uncertainListed: [...uncertain.first],
    maxMessages: budget.max,
  });
}

function prepare(options: EngineOptions, ports: EnginePorts): Run {
  const queue = new RequestQueue({ concurrency: options.concurrency, rate: options.rate });
  const stop = new StopController({
    graceMs: options.graceMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const scheduled = ports.client
    ? new ScheduledClient({
        client: ports.client,
        queue,
        policy: options.retryPolicy,
        signal: stop.signal,
        hardSignal: stop.hardSignal,
        sleep: ports.sleep ?? realSleep,
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      })
    : undefined;
  const admission = new Admission({
    maxActive: Math.max(16, options.concurrency * 4),
    maxWaiting: 10_000,
    signal: stop.signal,
  });
  const mode = options.mode ?? ports.mapping.mode;
  const followUps: FollowUpSettings = {
    updateName: ports.mapping.update_name === true,
    release: options.releaseHeld,
    resolve: options.resolve,
    lostJournal: ports.state?.lost === true || ports.lostJournal === true,
    budget: new MessageBudget(options.maxMessages),
    held: new RowList(),
    uncertain: new RowList(),
  };
  const failures = new RunFailures(stop);
  return {
    options,
    ports,
    mode,
    queue,
    stop,
    failures,
    scheduled,
    admission,
    followUps,
    statusTally: new MessageStatusTally(),
  };
}

/** What rows run with: the run's clients, journal and clock, the settings from the options, and the learners. */
function rowRunDeps(run: Run, output: RowOutput): RowRunDeps {
  const { options, ports, scheduled, stop, admission } = run;
  const state = ports.state!;
  const services: RowServices = {
    first: scheduled!.at(Priority.NEW_ROW),
    follow: scheduled!.at(Priority.FOLLOW_UP),
    poll: scheduled!.at(Priority.POLL),
    state,
    now: ports.now ?? Date.now,
    sleep: ports.sleep ?? realSleep,
    signal: stop.signal,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    onAddWait: admission.onAddWait,
  };
  const settings: RowSettings = {
    mode: run.mode,
    full: options.full,
    waitForAdds: options.wait,
    addTimeoutMs: options.addTimeoutMs,
    pollSchedule: options.pollSchedule,
    uncertainProbeMs: options.uncertainProbeMs,
  };
  const learners: RowLearners = {
    // "probe-first" (internal, bench only) learns nothing: every row updates first on the default poll schedule.
    ...(options.upsertStrategy === "probe-first"
      ? {}
      : {
          upsert: ports.upsert ?? new UpsertStrategy(),
          forms: formsFromJournal(state.entries()),
          addTimings: ports.addTimings ?? new AddTimings(),
        }),
    configGate: new ConfigGate(options.concurrency, stop.signal),
  };
  const context = { services, settings, learners, followUps: run.followUps };
  return { context, state, output, failures: run.failures };
}

/** A row that failed on one of these may have changed something in ChatGuru (a send whose answer was lost). */
const MAY_HAVE_APPLIED: ReadonlySet<string> = new Set(["MESSAGE_UNCERTAIN", "ADD_UNCERTAIN", "ADD_OUTCOME_UNKNOWN"]);

/**
 * Whether ChatGuru did anything for any row this run: a request it answered with success, or a row whose outcome says
 * it may have (pending in ChatGuru's hands, an uncertain send). Refused connections, timeouts on reads and refusals
 * (credentials, an unknown field) are not.
 */
function reachedAnyRow(run: Run, output: RowOutput): boolean {
  if ((run.scheduled?.succeeded ?? 0) > 0) return true;
  const { created, updated, pending } = output.counts;
  let uncertain = 0;
  for (const code of MAY_HAVE_APPLIED) uncertain += output.failedBy.get(code) ?? 0;
  return created + updated + pending + uncertain > 0;
}

/**
 * A run stopped by a run-level error (ChatGuru unreachable, credentials refused, a custom field it does not know)
 * before ChatGuru answered for any row changes no file a person trusts: the results and errors files stay
 * as they were — or absent, on a first run — instead of showing blanks, `failed` for rows that only met the outage,
 * or a row list cut short. Said as a warning; the report carries the error. A run that reached some row writes its
 * results (rows not reached keep their last result from the journal).
 */
async function keptAsItWas(run: Run, sink: Sink, output: RowOutput | undefined): Promise<boolean> {
  const runError = run.failures.runError;
  if (!output || run.options.dryRun || runError === undefined || run.stop.interrupted) return false;
  if (reachedAnyRow(run, output)) return false;
  await sink.discard();
  run.options.onEvent?.(warningEvent(text(sink.replacesExisting ? "run.resultsKept" : "run.noResultsWritten")));
  return true;
}

/** Closes the output and builds the report — or, when nothing reached ChatGuru, discards it and throws. */
async function finish(
  run: Run,
  sink: Sink | undefined,
  output: RowOutput | undefined,
  startedAt: number,
): Promise<SyncReport> {
  const { options, failures, scheduled } = run;
  let failure = failures.failure;
  const sent = scheduled?.requests.total ?? 0;
  if (failure !== undefined && (sent === 0 || !sink || !output)) {
    // Nothing reached ChatGuru: a plain configuration/source error (exit 2), and no half-written results.
    await sink?.discard().catch(() => undefined);
    throw failure;
  }
  let written: Awaited<ReturnType<Sink["close"]>> | undefined;
  let resultsKept = false;
  try {
    resultsKept = sink !== undefined && (await keptAsItWas(run, sink, output));
    written = sink && !resultsKept ? await sink.close() : undefined;
  } catch (error) {
    if (sent === 0) throw error;
    failure ??= error;
  }
  const report = buildReport({
    counts: output!.counts,
    plan: options.dryRun
      ? {
          ...output!.plan,
          estimate: output!.tally.estimate(options.rate, options.concurrency),
          preview: output!.tally.preview,
        }
      : output!.plan,
    requests: scheduled?.requests ?? { total: 0, retries: 0, byAction: {} },
    startedAt,
    dryRun: options.dryRun,
    notReached: output!.notReached,
    beyondLimit: output!.beyondLimit,
    notSynced: output!.notSynced,
    resultsKept,
    notReachedKept: output!.notReachedKept,
    notReachedThisRun: output!.notReachedThisRun,
    messageStatus: run.statusTally.summary(),
    results: written?.location,
    errors: written?.errors,
    resultsWorkbook: written?.workbook,
    errorsWorkbook: written?.errorsWorkbook,
    statePath: run.ports.statePath,
    runError: failures.runError,
    failure,
    interrupted: run.stop.interrupted,
    failOn: options.failOn,
  });
  for (const note of written?.noteTexts ?? written?.notes ?? []) options.onEvent?.(warningEvent(note));
  options.onEvent?.({ type: "end", report });
  return report;
}
