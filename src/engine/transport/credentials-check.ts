import { Priority } from "./request-queue.js";
import type { ScheduledClient } from "./scheduled-client.js";

/**
 * A scheduled run over a sheet that does not change sends no request, so a revoked key (or a phone removed from the
 * account) went unnoticed for as long as nothing changed: "291 unchanged, exit 0" every 15 minutes. When a run sent
 * nothing and ChatGuru has not answered these credentials for CHECK_AFTER_MS, one cheap request checks them: a refusal
 * stops the run like any other (exit 3); any other answer proves them good. The time of the last accepted answer is
 * kept beside the journal (state/learnt-file.ts), so this costs at most a request or two a day, never one per row.
 */
export const CHECK_AFTER_MS = 12 * 3600 * 1000;

/**
 * `chat_add_status` reads and changes nothing, and needs no chat number. An id no add ever had: ChatGuru checks the
 * credentials before it looks the id up, so "not found" proves them, and nothing about a contact is touched.
 */
export const PROBE_ACTION = "chat_add_status";
export const PROBE_PARAMS = { chat_add_id: "000000000000000000000000" } as const;

/** What a run knows of its credentials: when ChatGuru last accepted them, and (set by the run) whether it just did. */
export interface CredentialsCheck {
  /** Ms epoch of the last accepted answer before this run, from the learnt file; undefined when unknown. */
  lastAcceptedAt?: number;
  /** Set when this run got an answer that proves the credentials. */
  acceptedAt?: number;
}

export function checkDue(check: CredentialsCheck, now: number): boolean {
  return check.lastAcceptedAt === undefined || now - check.lastAcceptedAt >= CHECK_AFTER_MS;
}

/**
 * Sends the probe through the run's queue and retry table. A refusal of the credentials becomes the client's fatal
 * error, which the caller reports as the run's (exit 3); "not found" is the answer of a ChatGuru that accepted them
 * (the client then says so); an outage or a Ctrl-C proves nothing either way and is left to the next run.
 */
export async function probeCredentials(scheduled: ScheduledClient): Promise<void> {
  try {
    await scheduled.call(PROBE_ACTION, { ...PROBE_PARAMS }, Priority.POLL);
  } catch {
    // Told through scheduled.fatal and scheduled.credentialsAccepted.
  }
}
