import { isChatGuruError } from "../../chatguru/errors.js";
import type { ContactDraft } from "../../mapping/contact.js";
import { runOwedDialog } from "./owed-dialog.js";
import { configStopOf } from "../row/config-stop.js";
import { known, type ContactContext, type ContactResult } from "../job/row-context.js";
import { heldParts } from "./hold-rule.js";
import { hasFollowUps, runFollowUps, type FollowUpResult } from "./run-follow-ups.js";
import { isRowFailure, RowFailure } from "../shared/row-failure.js";
import { uncertainText, unsettledSends } from "./settle-by-person.js";
import type { Text } from "../../core/text.js";
import { textOf } from "../../errors.js";
import { withHint } from "../../messages/hint.js";
import { text } from "../../messages/text.js";
import { english } from "../../messages/translate.js";

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
function followUpProblem(draft: ContactDraft, ctx: ContactContext, number: string, follow?: FollowUpResult) {
  const open = unsettledSends(ctx.state.get(draft.key));
  if (open.length > 0) {
    const message = uncertainText(draft.rowNumber, number, open);
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
 * The row reached ChatGuru and holds its values now: journaled as the last values applied (SPEC §6) — also when a
 * send of the row is held, put off, uncertain or late, so a later run sends only what is left (contact-task.ts).
 * `fieldsSent` = this call sent the row's fields (false when a run only went on with the row's sends): synced_at moves
 * only when something of the row was synced.
 */
export async function succeed(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  outcome: "created" | "updated",
  reached: string,
  fieldsSent = true,
): Promise<ContactResult> {
  let number = reached;
  let follow: FollowUpResult | undefined;
  // A new lead's dialog, when its add went without it (add-dialog.ts): before any message, after its fields.
  await runOwedDialog(draft, ctx, number);
  // The chat exists now, whatever the path: messages, files, name and context go here (message-step.ts).
  if (hasFollowUps(draft, ctx)) {
    follow = await runFollowUps(draft, ctx, number, outcome === "created");
    number = follow.number;
  }
  const problem = followUpProblem(draft, ctx, number, follow);
  const before = ctx.state.get(draft.key);
  // The journal keeps UTC (it shares the string with its own `updatedAt`); results show local time (SPEC §5).
  const syncedAt = fieldsSent || problem === undefined ? new Date(ctx.now()).toISOString() : before?.syncedAt;
  const state = await ctx.state.update(draft.key, {
    number,
    phone: draft.phone.canonical,
    hash,
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
  listProblem(draft, ctx, number, problem);
  const result: ContactResult = { ...known(state), outcome: problem?.outcome ?? outcome, chatNumber: number };
  return problem
    ? { ...result, errorCode: problem.code, error: english(problem.message), errorText: problem.message }
    : result;
}

/** Held and uncertain rows are named in the summary (the results and errors files carry every one). */
function listProblem(draft: ContactDraft, ctx: ContactContext, number: string, problem?: FollowUpProblem): void {
  const settings = ctx.followUps;
  if (!settings || !problem) return;
  const state = ctx.state.get(draft.key);
  if (problem.code === "MESSAGE_HELD") {
    settings.held.add({ rowNumber: draft.rowNumber, number, what: heldParts(draft, state) });
  } else if (problem.code === "MESSAGE_UNCERTAIN") {
    const what = unsettledSends(state).map((send) => send.action);
    settings.uncertain.add({ rowNumber: draft.rowNumber, number, what });
  }
}

/** A row problem becomes the row's `failed` outcome (journaled); anything else is rethrown for the run to handle. */
export async function fail(draft: ContactDraft, ctx: ContactContext, caught: unknown): Promise<ContactResult> {
  // A ChatGuru error that escaped classification (e.g. a parameter ChatGuru would refuse) is still this row's problem.
  const error = isChatGuruError(caught) ? new RowFailure(caught.code, textOf(caught), caught.action) : caught;
  if (!isRowFailure(error)) throw error;
  const description = isChatGuruError(caught) ? caught.description : undefined;
  const stopsRun = configStopOf({ code: error.code, message: error.message, action: error.action, description }, draft);
  // Usually already in the message (added where the ChatGuru error was built); withHint never repeats it.
  const said = withHint(error.text, error.code);
  const message = english(said);
  const prior = ctx.state.get(draft.key);
  await ctx.state.update(draft.key, {
    lastOutcome: "failed",
    errorCode: error.code,
    error: message,
    rowNumber: draft.rowNumber,
  });
  return {
    outcome: "failed",
    errorCode: error.code,
    error: message,
    errorText: said,
    ...known(prior),
    ...(stopsRun ? { stopsRun } : {}),
  };
}
