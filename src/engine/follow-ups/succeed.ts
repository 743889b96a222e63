import type { Text } from "../../core/text.js";
import { text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";
import { unsettledSends } from "../decide/unsettled-sends.js";
import type { RowJob } from "../job/row-job.js";
import { known, type ContactResult } from "../job/row-result.js";
import { heldParts } from "./hold-rule.js";
import { runOwedDialog } from "./owed-dialog.js";
import { hasFollowUps, runFollowUps, type FollowUpResult } from "./run-follow-ups.js";
import { uncertainText } from "./settle-by-person.js";

/** Why a row whose chat and fields are in place is not finished: the one problem its result shows. */
interface FollowUpProblem {
  outcome: "pending" | "failed";
  code: "MESSAGE_UNCERTAIN" | "ROW_SEND_DATE_PAST" | "MESSAGE_HELD" | "MESSAGE_CAPPED";
  message: Text;
}

/**
 * What stops the row short of `created`/`updated` once its fields went through, most serious first: a send whose
 * outcome nobody knows (journaled `sending`/`uncertain`, this run or an earlier one: failed until a person settles it),
 * a message whose send date passed (failed: only the message stopped), then a send held or put off (pending).
 */
function followUpProblem(job: RowJob, number: string, follow?: FollowUpResult) {
  const open = unsettledSends(job.entry);
  if (open.length > 0) {
    const message = uncertainText(job.draft.rowNumber, number, open);
    return { outcome: "failed", code: "MESSAGE_UNCERTAIN", message } satisfies FollowUpProblem;
  }
  if (follow?.late !== undefined) {
    const message = text("row.lateMessage", { late: follow.late });
    return { outcome: "failed", code: "ROW_SEND_DATE_PAST", message } satisfies FollowUpProblem;
  }
  const deferred = follow?.deferred;
  return deferred ? ({ outcome: "pending", ...deferred } satisfies FollowUpProblem) : undefined;
}

/**
 * The row reached ChatGuru and holds its values now: journaled as the last values applied (see docs/journal.md) —
 * also when a send of the row is held, put off, uncertain or late, so a later run sends only what is left
 * (row/sync-row.ts). `fieldsSent` = this call sent the row's fields (false when a run only went on with the row's
 * sends): synced_at moves only when something of the row was synced.
 */
export async function succeed(
  job: RowJob,
  outcome: "created" | "updated",
  reached: string,
  fieldsSent = true,
): Promise<ContactResult> {
  const { draft } = job;
  let number = reached;
  let follow: FollowUpResult | undefined;
  // A new lead's dialog, when its add went without it (owed-dialog.ts): before any message, after its fields.
  await runOwedDialog(job, number);
  // The chat exists now, whatever the path: messages, files, name and context go here (run-follow-ups.ts).
  if (hasFollowUps(draft, job.followUps)) {
    follow = await runFollowUps(job, number, outcome === "created");
    number = follow.number;
  }
  const problem = followUpProblem(job, number, follow);
  const before = job.entry;
  // The journal keeps UTC (it shares the string with its own `updatedAt`); results show local time.
  const syncedAt = fieldsSent || problem === undefined ? new Date(job.services.now()).toISOString() : before?.syncedAt;
  const state = await job.journal({
    number,
    phone: draft.phone.canonical,
    hash: job.hash,
    lastOutcome: problem?.outcome ?? outcome,
    syncedAt,
    rowNumber: draft.rowNumber,
    // Clear only what is there: the journal line stays short on the common path.
    ...(before?.pendingHash !== undefined ? { pendingHash: null } : {}),
    ...(problem ? { errorCode: problem.code, error: english(problem.message) } : {}),
    ...(!problem && before?.errorCode !== undefined ? { errorCode: null } : {}),
    ...(!problem && before?.error !== undefined ? { error: null } : {}),
    // The chat exists: the add is settled — `done` unless a send is held (that would tell the hold rule we created it).
    ...(before?.addStatus === "intent" || before?.addStatus === "uncertain"
      ? { addStatus: problem?.code === "MESSAGE_HELD" ? ("fetched" as const) : ("done" as const) }
      : {}),
  });
  listProblem(job, number, problem);
  const result: ContactResult = { ...known(state), outcome: problem?.outcome ?? outcome, chatNumber: number };
  return problem
    ? { ...result, errorCode: problem.code, error: english(problem.message), errorText: problem.message }
    : result;
}

/** Held and uncertain rows are named in the summary (the results and errors files carry every one). */
function listProblem(job: RowJob, number: string, problem?: FollowUpProblem): void {
  const settings = job.followUps;
  if (!settings || !problem) return;
  const { rowNumber } = job.draft;
  const state = job.entry;
  if (problem.code === "MESSAGE_HELD") {
    settings.held.add({ rowNumber, number, what: heldParts(job.draft, state) });
  } else if (problem.code === "MESSAGE_UNCERTAIN") {
    const what = unsettledSends(state).map((send) => send.action);
    settings.uncertain.add({ rowNumber, number, what });
  }
}
