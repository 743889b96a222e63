import type { ContactDraft } from "../mapping/contact.js";
import { known, type ContactContext, type ContactResult } from "./contact-context.js";
import type { MessageBudget } from "./message-budget.js";

/** What the follow-up steps after the chat exists need from the run (see message-step.ts). */
export interface FollowUpSettings {
  /** Mapping `update_name` (experimental): chat_update_name when the mapped name changed. */
  updateName: boolean;
  /** --release-held: send what a new or lost journal made us hold. */
  releaseHeld: boolean;
  /** The journal held no record when the run opened it (StateStore.fresh). */
  journalFresh: boolean;
  budget: MessageBudget;
  /** How many rows had something held this run (for the summary). */
  held: { rows: number };
}

export const HELD_TEXT =
  "the dialog/message was held: the state journal was new (a first run, or the journal was lost) and this chat " +
  "already existed in ChatGuru, so it may have been sent before. Check the chat in ChatGuru, then re-run with " +
  "--release-held to send it.";

/**
 * Issue 15 item 6: losing the journal must never become a second WhatsApp message. When the journal was new and the
 * chat turns out to exist already (an update succeeded, or chat_add answered `fetched`), nothing proves that this
 * row's dialog or message did not go out in an earlier run, so they are held until a person releases them. A chat
 * this journal saw chat_add create (`done`) is safe: nothing could have been sent to it before.
 */
export function mustHold(draft: ContactDraft, ctx: ContactContext): boolean {
  const settings = ctx.followUps;
  if (!settings || settings.releaseHeld) return false;
  const state = ctx.state.get(draft.key);
  if (state?.addStatus === "done") return false;
  return state?.held === true || settings.journalFresh;
}

/** Journals the hold (later runs keep holding until --release-held) and says whether the step must be skipped. */
export async function holdIfNeeded(draft: ContactDraft, ctx: ContactContext): Promise<boolean> {
  if (!mustHold(draft, ctx)) return false;
  if (ctx.state.get(draft.key)?.held !== true) {
    await ctx.state.update(draft.key, { held: true, phone: draft.phone.canonical });
  }
  return true;
}

/**
 * The chat exists and its updates went in, but a message, file or dialog was held or put off by the cap: the row ends
 * `pending` with the reason (not `updated`), so the next run — or `status` — picks it up again.
 */
export async function deferRow(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  number: string,
  deferral: { code: "MESSAGE_HELD" | "MESSAGE_CAPPED"; message: string },
): Promise<ContactResult> {
  if (deferral.code === "MESSAGE_HELD" && ctx.followUps) ctx.followUps.held.rows += 1;
  const before = ctx.state.get(draft.key);
  const state = await ctx.state.update(draft.key, {
    number,
    phone: draft.phone.canonical,
    lastOutcome: "pending",
    pendingHash: hash,
    errorCode: deferral.code,
    error: deferral.message,
    rowNumber: draft.rowNumber,
    // The chat exists: the add is settled. Not `done` — that would tell mustHold we created it.
    ...(before?.addStatus === "intent" || before?.addStatus === "uncertain" ? { addStatus: "fetched" as const } : {}),
  });
  return { outcome: "pending", errorCode: deferral.code, error: deferral.message, ...known(state), chatNumber: number };
}
