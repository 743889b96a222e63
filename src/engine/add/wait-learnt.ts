import type { ChatAddStatusResult } from "../../chatguru/actions.js";
import type { AddTimings } from "../learning/add-timings.js";
import type { PollSchedule } from "../shared/settings.js";

interface WaitOptions {
  deadline: number;
  schedule: PollSchedule;
  signal?: AbortSignal;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  urgent?: () => boolean;
  /** Return at the first pending answer whose status word this client does not know. */
  untilUnexpected?: boolean;
}

/**
 * Polls one fresh add at the times the run has learnt (add-timings.ts). Until enough adds have settled, adds poll
 * one at a time on the default schedule (first ~3 s, backing off), never earlier than the last pending answer
 * suggests, so the burst of adds at the start of a run does not all poll too early. Resolves `pending` after the
 * deadline's look.
 */
export async function waitLearnt(
  timings: AddTimings,
  /** One chat_add_status; calls `onSend` when the request leaves the queue (a rate cap may hold it there). */
  poll: (onSend: () => void) => Promise<ChatAddStatusResult>,
  options: WaitOptions,
): Promise<ChatAddStatusResult | { status: "pending" }> {
  const { now, schedule } = options;
  const start = now();
  const minGap = schedule.firstMs / 4;
  let gap = schedule.firstMs;
  let nextDefault = schedule.firstMs;
  let polls = 0;
  let lastPoll = 0;
  let scout = false;
  // The last pending answer: it may carry a status value this client does not know (kept for the warning).
  let last: ChatAddStatusResult | undefined;
  try {
    for (;;) {
      const age = now() - start;
      const learnt = timings.known;
      const target = learnt
        ? learntTarget(timings, polls, { lastPoll, gap, minGap })
        : timings.scoutAt(nextDefault, options.urgent?.() === true);
      const left = options.deadline - now();
      if (left < 0) return last ?? { status: "pending" };
      const lastLook = left === 0;
      if (target - age > 0 && !lastLook) {
        // Not known yet: wake early when another add settles or polls, and the picture changes.
        const ms = Math.min(target - age, left);
        await (learnt ? options.sleep(ms, options.signal) : napOrChange(options, ms, timings.changed()));
        continue;
      }
      if (!learnt && !lastLook) {
        scout = timings.tryScout();
        if (!scout) {
          // Another add is polling: its answer decides when this one should.
          await napOrChange(options, left, timings.changed());
          continue;
        }
      }
      // What the poll saw was true when it was sent, not when its answer came back from a queue and a round trip.
      let sentAt = now();
      const answer = await poll(() => (sentAt = now()));
      const seenAt = sentAt - start;
      polls += 1;
      if (answer.status !== "pending") {
        timings.settled(seenAt, polls, learnt);
        return answer;
      }
      // A status word this client does not know says nothing about how long adds take: it moves no poll time (every
      // add would otherwise be pushed past its deadline by one that will never settle in a known word).
      const known = answer.unexpectedStatus === undefined;
      if (scout) {
        if (known) timings.pendingAt(seenAt);
        timings.endScout();
        scout = false;
      }
      if (polls === 1 && learnt && known) timings.missed(seenAt);
      last = answer;
      if (now() >= options.deadline || (options.untilUnexpected && answer.unexpectedStatus !== undefined))
        return answer;
      lastPoll = now() - start;
      nextDefault = lastPoll + gap;
      gap = Math.min(schedule.maxMs, gap * schedule.factor);
    }
  } finally {
    if (scout) timings.endScout();
  }
}

/** The age (ms since the add's answer) to poll at next once add times are known. */
function learntTarget(
  timings: AddTimings,
  polls: number,
  { lastPoll, gap, minGap }: { lastPoll: number; gap: number; minGap: number },
): number {
  const at = timings.pollAt(polls);
  if (polls === 0) return at;
  // Past the point nearly every add had settled: back off from the last poll as the default schedule does.
  return at > lastPoll + minGap ? at : lastPoll + Math.max(minGap, gap);
}

/** Sleeps `ms`, or less when `change` comes first. A stop still rejects with the signal's reason. */
async function napOrChange(options: WaitOptions, ms: number, change: Promise<void>): Promise<void> {
  const local = new AbortController();
  const woken = Symbol("woken");
  const onAbort = () => local.abort(options.signal!.reason);
  if (options.signal?.aborted) throw options.signal.reason;
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([options.sleep(ms, local.signal), change.then(() => local.abort(woken))]);
  } catch (error) {
    if (error !== woken) throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    if (!local.signal.aborted) local.abort(woken);
  }
}
