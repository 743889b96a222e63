import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState, RowStatePatch } from "../../state/state-store.js";
import { createChat, finishAdd, reAddFor } from "../add/chat-add.js";
import { resolveUncertainAdd } from "../add/uncertain-add.js";
import { isUnchanged } from "../decide/is-unchanged.js";
import { hasUnsettledSend } from "../decide/unsettled-sends.js";
import { applyUpdates, hasUpdates } from "../follow-ups/chat-updates.js";
import { hasFollowUps } from "../follow-ups/run-follow-ups.js";
import { settleByPerson } from "../follow-ups/settle-by-person.js";
import { succeed } from "../follow-ups/succeed.js";
import { candidates } from "../job/chat-target.js";
import type { RowJob } from "../job/row-job.js";
import { known, type ContactResult } from "../job/row-result.js";
import { isRowFailure } from "../shared/row-failure.js";
import { failRow } from "./fail-row.js";
import { upsertRow } from "./upsert-row.js";

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
  // Name and context belong to the old chat. Message and file marks stay: at most once per (key, text).
  nameHash: null,
  contextHash: null,
};

/**
 * One row through ChatGuru (see docs/row-life.md). Every path ends in exactly one ContactResult and leaves the journal
 * describing it; the journal is written BEFORE each chat_add (intent) and after every external effect, so a re-run
 * after a crash never repeats a successful chat_add.
 */
export async function syncRow(job: RowJob): Promise<ContactResult> {
  try {
    return await syncOrThrow(job);
  } catch (error) {
    return await failRow(job, error);
  }
}

async function syncOrThrow(job: RowJob): Promise<ContactResult> {
  const { draft, hash, settings } = job;
  if (job.entry?.phone !== undefined && job.entry.phone !== draft.phone.canonical) {
    // The row's phone was edited: the remembered number, add and note belong to the old contact. Start over.
    await job.journal({ phone: draft.phone.canonical, ...FORGET_CONTACT });
  }
  // A person's word on an uncertain send (--resolve, --release-held ROW) comes first: the steps below act on it.
  await settleByPerson(job);
  const prior = job.entry;
  if (isUnchanged(prior, hash, settings.full) && !hasUnsettledSend(prior!))
    return { outcome: "unchanged", ...known(prior) };
  if (onlySendsLeft(prior, hash, settings.full)) return await sendsOnly(job, prior);
  // An add from an earlier run is still in ChatGuru's hands: poll it, never add again.
  if (prior?.addStatus === "pending" && prior.chatAddId) {
    return await finishAdd(job, prior.chatAddId, { pollFirst: true, wait: settings.waitForAdds });
  }
  // A chat_add was sent (intent journaled) but its answer never came back.
  if (prior?.addStatus === "intent" || prior?.addStatus === "uncertain") {
    return await resolveUncertainAdd(job, { reAdds: 0, reAdd: reAddFor(job) });
  }
  return await updateOrAdd(job, prior);
}

/** A row with no add in play: updated first when its mode and the journal allow, else added. */
async function updateOrAdd(job: RowJob, prior: RowState | undefined): Promise<ContactResult> {
  const { draft, settings, learners } = job;
  const canUpdateFirst = settings.mode !== "create" || Boolean(prior?.number);
  // A row with only a message/file/context: its first send proves the chat exists where the number is known.
  const followsFirst = hasFollowUps(draft, job.followUps) && (settings.mode === "update" || Boolean(prior?.number));
  if (canUpdateFirst && (hasUpdates(draft) || followsFirst)) {
    if (settings.mode === "upsert" && learners.upsert && hasUpdates(draft))
      return await upsertRow(job, learners.upsert);
    try {
      const numbers = candidates(prior?.number, draft, learners.forms);
      const number = await applyUpdates(job, numbers, job.services.first, { preferLearnt: !prior?.number });
      return await succeed(job, "updated", number);
    } catch (error) {
      // Upsert: the chat is not there yet, so create it.
      if (!(isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND") && settings.mode === "upsert")) throw error;
    }
  } else if (settings.mode === "update") {
    // Nothing mapped to send: there is no call that would prove the chat exists, and nothing to change.
    return { outcome: "unchanged", ...known(prior) };
  }
  return await createChat(job, { reAdds: 0 });
}

/** Row outcomes that leave the row's fields in place and only its sends to finish (follow-ups/succeed.ts). */
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

async function sendsOnly(job: RowJob, prior: RowState & { number: string }): Promise<ContactResult> {
  const { draft } = job;
  // The dialog is the only send among the updates: fields and note stay out.
  const sends: ContactDraft = { ...draft, fields: {} };
  delete sends.note;
  const numbers = candidates(prior.number, draft, job.learners.forms);
  const number = await applyUpdates(job.withDraft(sends), numbers, job.services.follow);
  return await succeed(job, "updated", number, false);
}
