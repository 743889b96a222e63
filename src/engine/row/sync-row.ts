import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState, RowStatePatch } from "../../state/state-store.js";
import { createChat, finishAdd } from "../add/chat-add.js";
import { known, type ContactContext, type ContactResult } from "../job/row-context.js";
import { fail, succeed } from "../follow-ups/succeed.js";
import { applyUpdates, candidates, hasUpdates } from "../follow-ups/chat-updates.js";
import { hasFollowUps } from "../follow-ups/run-follow-ups.js";
import { isUnchanged } from "../decide/plan-row.js";
import { isRowFailure } from "../shared/row-failure.js";
import { resolveUncertainAdd } from "../add/uncertain-add.js";
import { hasUnsettledSend, settleByPerson } from "../follow-ups/settle-by-person.js";
import { upsertRow } from "./upsert-row.js";

export { addKnown, known, type ContactContext, type ContactResult, type SyncMode } from "../job/row-context.js";

/** Everything the journal knows about a row's chat — dropped when the row's phone changes. */
const FORGET_CONTACT: RowStatePatch = {
  number: null,
  chatAddId: null,
  addStatus: null,
  pendingHash: null,
  noteHash: null,
  dialogHash: null,
  dialogStatus: null,
  hash: null,
  lastOutcome: null,
  // Name and context belong to the old chat. Message and file marks stay: at most once per (key, text), SPEC §4.2.
  nameHash: null,
  contextHash: null,
};

/**
 * The per-row pipeline of SPEC §5. Every path ends in exactly one ContactResult and leaves the journal describing it;
 * the journal is written BEFORE each chat_add (intent) and after every external effect, so a re-run after a crash
 * never repeats a successful chat_add.
 */
export async function syncContact(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  options: { full: boolean },
): Promise<ContactResult> {
  try {
    return await syncOrThrow(draft, hash, ctx, options);
  } catch (error) {
    return await fail(draft, ctx, error);
  }
}

async function syncOrThrow(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  options: { full: boolean },
): Promise<ContactResult> {
  let prior = ctx.state.get(draft.key);
  if (prior?.phone !== undefined && prior.phone !== draft.phone.canonical) {
    // The row's phone was edited: the remembered number, add and note belong to the old contact. Start over.
    await ctx.state.update(draft.key, { phone: draft.phone.canonical, ...FORGET_CONTACT });
  }
  // A person's word on an uncertain send (--resolve, --release-held ROW) comes first: the steps below act on it.
  await settleByPerson(draft, ctx);
  prior = ctx.state.get(draft.key);
  if (isUnchanged(prior, hash, options.full) && !hasUnsettledSend(prior!))
    return { outcome: "unchanged", ...known(prior) };
  if (onlySendsLeft(prior, hash, options.full)) return await sendsOnly(draft, hash, ctx, prior);
  // An add from an earlier run is still in ChatGuru's hands: poll it, never add again.
  if (prior?.addStatus === "pending" && prior.chatAddId) {
    return await finishAdd(draft, hash, ctx, prior.chatAddId, { pollFirst: true, wait: ctx.waitForAdds });
  }
  // A chat_add was sent (intent journaled) but its answer never came back.
  if (prior?.addStatus === "intent" || prior?.addStatus === "uncertain") {
    const reAdd = (n: number) => createChat(draft, hash, ctx, { reAdds: n });
    return await resolveUncertainAdd(draft, hash, ctx, prior, { reAdds: 0, reAdd });
  }
  const canUpdateFirst = ctx.mode !== "create" || Boolean(prior?.number);
  // A row with only a message/file/context: its first send proves the chat exists where the number is known.
  const followsFirst = hasFollowUps(draft, ctx) && (ctx.mode === "update" || Boolean(prior?.number));
  if (canUpdateFirst && (hasUpdates(draft) || followsFirst)) {
    if (ctx.mode === "upsert" && ctx.upsert && hasUpdates(draft))
      return await upsertRow(draft, hash, ctx, prior, ctx.upsert);
    try {
      const number = await applyUpdates(draft, ctx, candidates(prior?.number, draft, ctx.forms), ctx.first, {
        preferLearnt: !prior?.number,
      });
      return await succeed(draft, hash, ctx, "updated", number);
    } catch (error) {
      // Upsert: the chat is not there yet, so create it.
      if (!(isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND") && ctx.mode === "upsert")) throw error;
    }
  } else if (ctx.mode === "update") {
    // Nothing mapped to send: there is no call that would prove the chat exists, and nothing to change.
    return { outcome: "unchanged", ...known(prior) };
  }
  return await createChat(draft, hash, ctx, { reAdds: 0 });
}

/** Row outcomes that leave the row's fields in place and only its sends to finish (contact-outcome.ts). */
const SENDS_LEFT: ReadonlySet<string> = new Set([
  "MESSAGE_HELD",
  "MESSAGE_CAPPED",
  "MESSAGE_UNCERTAIN",
  "ROW_SEND_DATE_PAST",
]);

/**
 * The row's values went through already (journaled `hash`) and only a send was held, put off, uncertain or late: a
 * re-run — with --release-held or not — goes on with the sends alone, and never sends the fields or note again.
 */
function onlySendsLeft(
  prior: RowState | undefined,
  hash: string,
  full: boolean,
): prior is RowState & { number: string } {
  return (
    !full &&
    prior?.hash === hash &&
    prior.number !== undefined &&
    prior.errorCode !== undefined &&
    SENDS_LEFT.has(prior.errorCode)
  );
}

async function sendsOnly(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  prior: RowState & { number: string },
): Promise<ContactResult> {
  // The dialog is the only send among the updates: fields and note stay out.
  const sends: ContactDraft = { ...draft, fields: {} };
  delete sends.note;
  const number = await applyUpdates(sends, ctx, candidates(prior.number, draft, ctx.forms), ctx.follow);
  return await succeed(draft, hash, ctx, "updated", number, false);
}
