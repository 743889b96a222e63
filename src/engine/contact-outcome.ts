import { withHint } from "../core/error-hints.js";
import { isChatGuruError } from "../chatguru/errors.js";
import type { ContactDraft } from "../mapping/contact.js";
import { toLocalIsoTime } from "../util/local-time.js";
import { configStopOf } from "./config-error.js";
import { known, type ContactContext, type ContactResult } from "./contact-context.js";
import { deferRow } from "./held-actions.js";
import { hasFollowUps, runFollowUps } from "./message-step.js";
import { isRowFailure, RowFailure } from "./row-failure.js";

/** The row reached ChatGuru and holds its values now: journaled as the last values applied (SPEC §6). */
export async function succeed(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  outcome: "created" | "updated",
  reached: string,
): Promise<ContactResult> {
  let number = reached;
  // The chat exists now, whatever the path: messages, files, name and context go here (message-step.ts).
  if (hasFollowUps(draft, ctx)) {
    const follow = await runFollowUps(draft, ctx, number, outcome === "created");
    number = follow.number;
    if (follow.uncertain.length > 0) throw uncertainMessage(draft, follow.uncertain, number);
    if (follow.deferred) return await deferRow(draft, hash, ctx, number, follow.deferred);
  }
  // The journal keeps UTC (it shares the string with its own `updatedAt`); results show local time (SPEC §5).
  const syncedAt = new Date(ctx.now()).toISOString();
  const before = ctx.state.get(draft.key);
  const state = await ctx.state.update(draft.key, {
    number,
    phone: draft.phone.canonical,
    hash,
    lastOutcome: outcome,
    syncedAt,
    rowNumber: draft.rowNumber,
    // Clear only what is there: the journal line stays short on the common path.
    ...(before?.pendingHash !== undefined ? { pendingHash: null } : {}),
    ...(before?.errorCode !== undefined ? { errorCode: null } : {}),
    ...(before?.error !== undefined ? { error: null } : {}),
    ...(before?.addStatus === "intent" || before?.addStatus === "uncertain" ? { addStatus: "done" as const } : {}),
  });
  return { ...known(state), outcome, chatNumber: number, syncedAt: toLocalIsoTime(syncedAt) };
}

function uncertainMessage(draft: ContactDraft, actions: string[], number: string): RowFailure {
  return new RowFailure(
    "MESSAGE_UNCERTAIN",
    `the answer to ${actions.join(" and ")} for ${number} was lost, so it may or may not have reached the contact; ` +
      `it was NOT sent again and never will be for this text. Check the chat in ChatGuru (row ${draft.rowNumber}).`,
    actions[0],
  );
}

/** A row problem becomes the row's `failed` outcome (journaled); anything else is rethrown for the run to handle. */
export async function fail(draft: ContactDraft, ctx: ContactContext, caught: unknown): Promise<ContactResult> {
  // A ChatGuru error that escaped classification (e.g. a parameter ChatGuru would refuse) is still this row's problem.
  const error = isChatGuruError(caught) ? new RowFailure(caught.code, caught.message, caught.action) : caught;
  if (!isRowFailure(error)) throw error;
  const description = isChatGuruError(caught) ? caught.description : undefined;
  const stopsRun = configStopOf({ code: error.code, message: error.message, action: error.action, description }, draft);
  // Usually already in the message (added where the ChatGuru error was built); withHint never repeats it.
  const message = withHint(error.message, error.code);
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
    ...known(prior),
    ...(stopsRun ? { stopsRun } : {}),
  };
}
