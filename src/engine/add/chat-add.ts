import { chatAdd } from "../../chatguru/actions.js";
import { defersAddDialog, dropOwedDialog } from "../follow-ups/owed-dialog.js";
import type { ContactDraft } from "../../mapping/contact.js";
import { waitForChatAdd, type AddWaitResult } from "./wait-for-add.js";
import type { ContactContext, ContactResult } from "../job/row-context.js";
import { succeed } from "../follow-ups/succeed.js";
import { applyUpdates, candidates, executeDialogOnce, hasUpdates } from "../follow-ups/chat-updates.js";
import { holdIfNeeded } from "../follow-ups/hold-rule.js";
import { isRowFailure, RowFailure } from "../shared/row-failure.js";
import type { EngineCallOptions } from "../transport/scheduled-client.js";
import { MAX_BLANK_READDS, resolveUncertainAdd, uncertainMessage } from "./uncertain-add.js";
import { text, type Text } from "../../messages/text.js";
import { warningEvent } from "../shared/events.js";

/**
 * chat_add, journaled as an intent first: if we crash between here and the answer, the next run knows an add may be
 * in flight. A lost answer is resolved by probing (uncertain-add.ts), never by a blind resend.
 */
export async function createChat(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  options: { reAdds: number; onAnswer?: (isNew: boolean) => void },
): Promise<ContactResult> {
  await ctx.configGate?.beforeAdd(draft);
  const deferDialog = defersAddDialog(draft, ctx.mode);
  await ctx.state.update(draft.key, {
    addStatus: "intent",
    pendingHash: hash,
    chatAddId: null,
    rowNumber: draft.rowNumber,
    phone: draft.phone.canonical,
    // Journaled with the intent: whichever run sees the add answer knows whether the dialog is owed.
    ...(deferDialog ? { addDialogOwed: true } : ctx.state.get(draft.key)?.addDialogOwed ? { addDialogOwed: null } : {}),
  });
  let chatAddId: string;
  let unexpectedStatus: string | undefined;
  // Under a rate cap many adds wait in the queue, intent journaled, when a run stops: those never went out.
  let notApplied = false;
  const leaving: EngineCallOptions = { onNotApplied: () => void (notApplied = true) };
  try {
    const added = await chatAdd(
      options.reAdds > 0 ? ctx.follow : ctx.first,
      {
        chatNumber: draft.phone.canonical,
        name: draft.name,
        text: draft.chatAdd.text,
        ...(draft.chatAdd.userId ? { userId: draft.chatAdd.userId } : {}),
        ...(draft.chatAdd.dialogId && !deferDialog ? { dialogId: draft.chatAdd.dialogId } : {}),
      },
      leaving,
    );
    chatAddId = added.chatAddId;
    unexpectedStatus = added.unexpectedStatus;
  } catch (error) {
    return await afterLostAdd(draft, hash, ctx, error, { reAdds: options.reAdds, notApplied });
  }
  await ctx.state.update(draft.key, { chatAddId, addStatus: "pending" });
  ctx.onEvent?.({ type: "add-pending", rowNumber: draft.rowNumber, chatAddId });
  return await finishAdd(draft, hash, ctx, chatAddId, {
    pollFirst: false,
    wait: ctx.waitForAdds,
    reAdded: options.reAdds > 0,
    ...(unexpectedStatus === undefined ? {} : { unexpectedStatus }),
    ...(options.onAnswer ? { onAnswer: options.onAnswer } : {}),
  });
}

/** The chat_add did not answer with an id: refused (the row fails), or lost (the add may exist: probe). */
async function afterLostAdd(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  error: unknown,
  { reAdds, notApplied }: { reAdds: number; notApplied: boolean },
): Promise<ContactResult> {
  // Only an answer proves the add was not applied: a 4xx, or retries that all failed before reaching ChatGuru — or
  // the scheduled client's word that it did not take effect (dropped in the queue when the run stopped, or refused
  // for its credentials): then the add is not "may exist" either.
  const refused = isRowFailure(error) && error.code !== "ADD_OUTCOME_UNKNOWN";
  if (refused || notApplied) {
    await ctx.state.update(draft.key, { addStatus: null });
    throw error;
  }
  // Lost answer, cancelled at shutdown, run aborted mid-request: the add may exist. The next step (or the next
  // run) resolves it by probing, never by a blind resend.
  await ctx.state.update(draft.key, { addStatus: "uncertain" });
  if (!isRowFailure(error) || ctx.signal?.aborted) throw error;
  if (reAdds >= MAX_BLANK_READDS) throw new RowFailure("ADD_UNCERTAIN", uncertainMessage(draft, ctx), "chat_add");
  return await resolveUncertainAdd(draft, hash, ctx, ctx.state.get(draft.key), {
    reAdds,
    reAdd: (n) => createChat(draft, hash, ctx, { reAdds: n }),
  });
}

/**
 * Waits for an add (fresh, or left `pending` by an earlier run), then applies the row's updates to the chat it made.
 * Still pending at the deadline → the row ends `pending` and the `status` command finishes it later.
 */
export async function finishAdd(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  chatAddId: string,
  options: {
    pollFirst: boolean;
    wait: boolean;
    unexpectedStatus?: string;
    onAnswer?: (isNew: boolean) => void;
    /** This add re-sent one whose answer was lost (a blank add only). */
    reAdded?: boolean;
  },
): Promise<ContactResult> {
  // --no-wait on a resumed add: look once, then leave it pending.
  const deadline = options.wait ? ctx.now() + ctx.addTimeoutMs : options.pollFirst ? ctx.now() : -1;
  let answer: AddWaitResult;
  let pollFirst = options.pollFirst;
  for (let probes = 0; ; probes++) {
    const probing = probes < MAX_STATUS_WORD_PROBES && Object.keys(draft.fields).length > 0;
    answer = await waitWithoutSlot(ctx, chatAddId, draft.key, { pollFirst, deadline, untilUnexpected: probing });
    if (answer.status !== "pending" || answer.unexpectedStatus === undefined || !probing) break;
    const found = await probeByFields(draft, hash, ctx, chatAddId, answer.unexpectedStatus);
    if (found) return found;
    // Not there yet, and its words tell nothing: the rest of the run does not wait on this add.
    ctx.configGate?.release(draft.key);
    if (ctx.now() >= deadline) break;
    pollFirst = false;
  }
  if (answer.status === "done" || answer.status === "fetched") options.onAnswer?.(answer.status === "done");
  if (answer.status === "pending") {
    const odd = answer.unexpectedStatus ?? options.unexpectedStatus;
    if (odd !== undefined) ctx.onEvent?.(warningEvent(unexpectedStatusWarning(draft, chatAddId, odd)));
    await ctx.state.update(draft.key, {
      lastOutcome: "pending",
      pendingHash: hash,
      errorCode: null,
      error: null,
      rowNumber: draft.rowNumber,
    });
    return { outcome: "pending", chatAddId };
  }
  if (answer.status === "error") {
    await ctx.state.update(draft.key, { addStatus: "error" });
    throw new RowFailure(
      "CHAT_ADD_REFUSED",
      text("row.chatAddRefused", { description: answer.description }),
      "chat_add_status",
    );
  }
  // SPEC §2: "corrigido para <digits>" = ChatGuru stored the chat under that number; every later call uses it.
  const stored = answer.correctedNumber ?? draft.phone.canonical;
  ctx.forms?.observe(stored, draft);
  // An add that went without its dialog owes it only to a chat ChatGuru created (add-dialog.ts; run by succeed()).
  const deferred = ctx.state.get(draft.key)?.addDialogOwed === true;
  if (answer.status === "fetched") await dropOwedDialog(draft, ctx, { afterLostAdd: options.reAdded === true });
  await ctx.state.update(draft.key, { addStatus: answer.status, number: stored });
  let number = stored;
  if (hasUpdates(draft)) number = await applyUpdates(draft, ctx, candidates(stored, draft, ctx.forms), ctx.follow);
  // SPEC §2: chat_add's dialog_id does not run for a chat that already existed.
  if (answer.status === "fetched" && draft.chatAdd.dialogId && !deferred && !(await holdIfNeeded(draft, ctx))) {
    await executeDialogOnce(ctx.follow, number, draft.chatAdd.dialogId);
  }
  const result = await succeed(draft, hash, ctx, answer.status === "done" ? "created" : "updated", number);
  return { ...result, chatAddId };
}

/** How many times an add answered with an undocumented status word is looked for by its custom fields. */
const MAX_STATUS_WORD_PROBES = 3;

/**
 * ChatGuru answered chat_add_status with a word this client does not know (`success`, `queued`…): whether the chat
 * exists, only ChatGuru can say. The row's custom fields ask it — an update never reaches the contact, and ChatGuru
 * answers "Chat não encontrado." while the chat is not there. Taken: the chat exists, the row goes on as created (and
 * ChatGuru has accepted the field names, which opens the config gate). Not found: undefined, the add is still waited
 * for. Any other refusal is the row's failure, as after a `done` (an unknown field stops the run there).
 */
async function probeByFields(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  chatAddId: string,
  word: string,
): Promise<ContactResult | undefined> {
  let number: string;
  try {
    number = await applyUpdates(draft, ctx, candidates(undefined, draft, ctx.forms), ctx.follow);
  } catch (error) {
    if (isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) return undefined;
    throw error;
  }
  ctx.onEvent?.(warningEvent(text("row.unexpectedAddStatusDone", { row: draft.rowNumber, value: word, chatAddId })));
  await ctx.state.update(draft.key, { addStatus: "done", number });
  return { ...(await succeed(draft, hash, ctx, "created", number)), chatAddId };
}

/** Polls chat_add_status while the row holds no worker slot (admission counts it as waiting). */
async function waitWithoutSlot(
  ctx: ContactContext,
  chatAddId: string,
  key: string,
  options: { pollFirst: boolean; deadline: number; untilUnexpected: boolean },
): Promise<AddWaitResult> {
  ctx.onAddWait?.(true);
  try {
    return await waitForChatAdd(ctx.poll, chatAddId, {
      deadline: options.deadline,
      untilUnexpected: options.untilUnexpected,
      schedule: ctx.pollSchedule,
      ...(ctx.addTimings ? { timings: ctx.addTimings } : {}),
      // The rest of the run waits on this add to prove the mapping (config-gate.ts): worth a poll or two more.
      ...(ctx.configGate ? { urgent: () => ctx.configGate!.holds(key) } : {}),
      pollFirst: options.pollFirst,
      now: ctx.now,
      sleep: ctx.sleep,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } finally {
    ctx.onAddWait?.(false);
  }
}

/** ChatGuru's chat_add_status values are not documented: an unknown one is reported, and the add is kept. */
function unexpectedStatusWarning(draft: ContactDraft, chatAddId: string, value: string): Text {
  return text("row.unexpectedAddStatus", { row: draft.rowNumber, value, chatAddId });
}
