import { getChatAddStatus } from "../../chatguru/actions.js";
import type { ChatAddStatus, ChatGuruClient } from "../../chatguru/types.js";
import { sleep } from "../../util/sleep.js";
import type { AddTimings } from "../learning/add-timings.js";
import type { PollSchedule } from "../shared/settings.js";
import { waitLearnt } from "./wait-learnt.js";
import type { EngineCallOptions } from "../transport/scheduled-client.js";

export type AddWaitResult =
  | { status: Exclude<ChatAddStatus, "pending">; description: string; correctedNumber?: string }
  /** `unexpectedStatus`: the last poll answered a status word this client does not know (kept pending, never failed). */
  | { status: "pending"; unexpectedStatus?: string };

/**
 * Waits for an asynchronous chat_add (1–30 s, sometimes minutes) WITHOUT holding a worker slot: the gaps are
 * plain timers and only each chat_add_status request goes through the queue. Resolves `pending` at the deadline.
 */
export async function waitForChatAdd(
  client: ChatGuruClient,
  chatAddId: string,
  options: {
    deadline: number;
    schedule: PollSchedule;
    signal?: AbortSignal;
    pollFirst?: boolean;
    now?: () => number;
    /** @default util/sleep (a timer) */
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    /** The run's learnt add times; without it (or for a resumed add, whose age is unknown) `schedule` alone. */
    timings?: AddTimings;
    /** While true, the run waits on this add (the config gate): polled more closely until add times are known. */
    urgent?: () => boolean;
    /** Resolve `pending` at the first status word this client does not know, instead of waiting for the deadline. */
    untilUnexpected?: boolean;
  },
): Promise<AddWaitResult> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  if (options.timings && !options.pollFirst) {
    const poll = (onSend: () => void) => {
      const sent: EngineCallOptions = { beforeAttempt: async () => onSend() };
      return getChatAddStatus(client, chatAddId, sent);
    };
    const answer = await waitLearnt(options.timings, poll, {
      ...options,
      now,
      sleep: wait,
    });
    if (answer.status !== "pending") return settledResult({ ...answer, status: answer.status });
    const odd = "unexpectedStatus" in answer ? answer.unexpectedStatus : undefined;
    return { status: "pending", ...(odd === undefined ? {} : { unexpectedStatus: odd }) };
  }
  let gap = options.schedule.firstMs;
  let first = true;
  let unexpected: { unexpectedStatus?: string } = {};
  for (;;) {
    if (!(first && options.pollFirst)) {
      const ms = Math.min(gap, options.deadline - now());
      if (ms < 0) return { status: "pending", ...unexpected };
      await wait(ms, options.signal);
      gap = Math.min(options.schedule.maxMs, gap * options.schedule.factor);
    }
    first = false;
    const answer = await getChatAddStatus(client, chatAddId);
    if (answer.status !== "pending") return settledResult({ ...answer, status: answer.status });
    unexpected = answer.unexpectedStatus === undefined ? {} : { unexpectedStatus: answer.unexpectedStatus };
    if (now() >= options.deadline || (options.untilUnexpected && answer.unexpectedStatus !== undefined))
      return { status: "pending", ...unexpected };
  }
}

function settledResult(answer: {
  status: Exclude<ChatAddStatus, "pending">;
  description: string;
  correctedNumber?: string;
}): AddWaitResult {
  return {
    status: answer.status,
    description: answer.description,
    ...(answer.correctedNumber ? { correctedNumber: answer.correctedNumber } : {}),
  };
}
