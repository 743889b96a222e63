import { chatAdd } from "../../chatguru/actions.js";
import { text, type Text } from "../../messages/text.js";
import { defersAddDialog } from "../decide/add-shape.js";
import { candidates } from "../job/chat-target.js";
import type { RowJob } from "../job/row-job.js";
import type { ContactResult } from "../job/row-result.js";
import { applyUpdates, hasUpdates } from "../follow-ups/chat-updates.js";
import { executeDialogOnce } from "../follow-ups/dialog.js";
import { holdIfNeeded } from "../follow-ups/hold-rule.js";
import { dropOwedDialog } from "../follow-ups/owed-dialog.js";
import { succeed } from "../follow-ups/succeed.js";
import { isRowFailure, RowFailure } from "../shared/row-failure.js";
import type { EngineCallOptions } from "../transport/scheduled-client.js";
import { MAX_BLANK_READDS, resolveUncertainAdd, uncertainMessage } from "./uncertain-add.js";
import { waitForChatAdd, type AddWaitResult } from "./wait-for-add.js";

/** How an add goes: how many blank re-adds came before it, and who wants to hear whether its chat was new. */
export interface AddOptions {
  reAdds: number;
  onAnswer?: (isNew: boolean) => void;
}

/**
 * chat_add, journaled as an intent first: if we crash between here and the answer, the next run knows an add may be
 * in flight. A lost answer is resolved by probing (uncertain-add.ts), never by a blind resend.
 */
export async function createChat(job: RowJob, options: AddOptions): Promise<ContactResult> {
  const { draft } = job;
  await job.learners.configGate?.beforeAdd(draft);
  const deferDialog = defersAddDialog(draft, job.settings.mode);
  await job.journal({
    addStatus: "intent",
    pendingHash: job.hash,
    chatAddId: null,
    rowNumber: draft.rowNumber,
    phone: draft.phone.canonical,
    // Journaled with the intent: whichever run sees the add answer knows whether the dialog is owed.
    ...(deferDialog ? { addDialogOwed: true } : job.entry?.addDialogOwed ? { addDialogOwed: null } : {}),
  });
  let chatAddId: string;
  let unexpectedStatus: string | undefined;
  // Under a rate cap many adds wait in the queue, intent journaled, when a run stops: those never went out.
  let notApplied = false;
  const leaving: EngineCallOptions = { onNotApplied: () => void (notApplied = true) };
  try {
    const added = await chatAdd(
      options.reAdds > 0 ? job.services.follow : job.services.first,
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
    return await afterLostAdd(job, error, { reAdds: options.reAdds, notApplied });
  }
  await job.journal({ chatAddId, addStatus: "pending" });
  job.services.onEvent?.({ type: "add-pending", rowNumber: draft.rowNumber, chatAddId });
  return await finishAdd(job, chatAddId, {
    pollFirst: false,
    wait: job.settings.waitForAdds,
    reAdded: options.reAdds > 0,
    ...(unexpectedStatus === undefined ? {} : { unexpectedStatus }),
    ...(options.onAnswer ? { onAnswer: options.onAnswer } : {}),
  });
}

/** Sends chat_add again for a row whose add answer was lost, as blank re-add number `reAdds`. */
export function reAddFor(job: RowJob): (reAdds: number) => Promise<ContactResult> {
  return (reAdds) => createChat(job, { reAdds });
}

/** The chat_add did not answer with an id: refused (the row fails), or lost (the add may exist: probe). */
async function afterLostAdd(
  job: RowJob,
  error: unknown,
  { reAdds, notApplied }: { reAdds: number; notApplied: boolean },
): Promise<ContactResult> {
  // Only an answer proves the add was not applied: a 4xx, or retries that all failed before reaching ChatGuru — or
  // the scheduled client's word that it did not take effect (dropped in the queue when the run stopped, or refused
  // for its credentials): then the add is not "may exist" either.
  const refused = isRowFailure(error) && error.code !== "ADD_OUTCOME_UNKNOWN";
  if (refused || notApplied) {
    await job.journal({ addStatus: null });
    throw error;
  }
  // Lost answer, cancelled at shutdown, run aborted mid-request: the add may exist. The next step (or the next
  // run) resolves it by probing, never by a blind resend.
  await job.journal({ addStatus: "uncertain" });
  if (!isRowFailure(error) || job.services.signal?.aborted) throw error;
  if (reAdds >= MAX_BLANK_READDS) throw new RowFailure("ADD_UNCERTAIN", uncertainMessage(job), "chat_add");
  return await resolveUncertainAdd(job, { reAdds, reAdd: reAddFor(job) });
}

/** How a wait for an add goes: see finishAdd. */
export interface FinishOptions {
  /** Poll at once (an add an earlier run left pending). */
  pollFirst: boolean;
  /** false = --no-wait. */
  wait: boolean;
  unexpectedStatus?: string;
  onAnswer?: (isNew: boolean) => void;
  /** This add re-sent one whose answer was lost (a blank add only). */
  reAdded?: boolean;
}

/**
 * Waits for an add (fresh, or left `pending` by an earlier run), then applies the row's updates to the chat it made.
 * Still pending at the deadline → the row ends `pending` and the `status` command finishes it later.
 */
export async function finishAdd(job: RowJob, chatAddId: string, options: FinishOptions): Promise<ContactResult> {
  const { draft } = job;
  const { now } = job.services;
  // --no-wait on a resumed add: look once, then leave it pending.
  const deadline = options.wait ? now() + job.settings.addTimeoutMs : options.pollFirst ? now() : -1;
  let answer: AddWaitResult;
  let pollFirst = options.pollFirst;
  for (let probes = 0; ; probes++) {
    const probing = probes < MAX_STATUS_WORD_PROBES && Object.keys(draft.fields).length > 0;
    answer = await waitWithoutSlot(job, chatAddId, { pollFirst, deadline, untilUnexpected: probing });
    if (answer.status !== "pending" || answer.unexpectedStatus === undefined || !probing) break;
    const found = await probeByFields(job, chatAddId, answer.unexpectedStatus);
    if (found) return found;
    // Not there yet, and its words tell nothing: the rest of the run does not wait on this add.
    job.learners.configGate?.release(draft.key);
    if (now() >= deadline) break;
    pollFirst = false;
  }
  if (answer.status === "done" || answer.status === "fetched") options.onAnswer?.(answer.status === "done");
  if (answer.status === "pending")
    return await stillPending(job, chatAddId, answer.unexpectedStatus ?? options.unexpectedStatus);
  if (answer.status === "error") {
    await job.journal({ addStatus: "error" });
    throw new RowFailure(
      "CHAT_ADD_REFUSED",
      text("row.chatAddRefused", { description: answer.description }),
      "chat_add_status",
    );
  }
  // "corrigido para <digits>": ChatGuru stored the chat under that number; every later call uses it.
  const stored = answer.correctedNumber ?? draft.phone.canonical;
  job.learners.forms?.observe(stored, draft);
  // An add that went without its dialog owes it only to a chat ChatGuru created (owed-dialog.ts; run by succeed()).
  const deferred = job.entry?.addDialogOwed === true;
  if (answer.status === "fetched") await dropOwedDialog(job, { afterLostAdd: options.reAdded === true });
  await job.journal({ addStatus: answer.status, number: stored });
  let number = stored;
  const follow = job.services.follow;
  if (hasUpdates(draft)) number = await applyUpdates(job, candidates(stored, draft, job.learners.forms), follow);
  // ChatGuru does not run chat_add's dialog_id for a chat that already existed: it goes with dialog_execute.
  if (answer.status === "fetched" && draft.chatAdd.dialogId && !deferred && !(await holdIfNeeded(job))) {
    await executeDialogOnce(follow, number, draft.chatAdd.dialogId);
  }
  const result = await succeed(job, answer.status === "done" ? "created" : "updated", number);
  return { ...result, chatAddId };
}

/** The add is still in ChatGuru's hands at the deadline: the row ends `pending` (an odd status word is said). */
async function stillPending(job: RowJob, chatAddId: string, odd: string | undefined): Promise<ContactResult> {
  if (odd !== undefined) job.warn(unexpectedStatusWarning(job, chatAddId, odd));
  await job.journal({
    lastOutcome: "pending",
    pendingHash: job.hash,
    errorCode: null,
    error: null,
    rowNumber: job.draft.rowNumber,
  });
  return { outcome: "pending", chatAddId };
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
async function probeByFields(job: RowJob, chatAddId: string, word: string): Promise<ContactResult | undefined> {
  const { draft } = job;
  let number: string;
  try {
    number = await applyUpdates(job, candidates(undefined, draft, job.learners.forms), job.services.follow);
  } catch (error) {
    if (isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) return undefined;
    throw error;
  }
  job.warn(text("row.unexpectedAddStatusDone", { row: draft.rowNumber, value: word, chatAddId }));
  await job.journal({ addStatus: "done", number });
  return { ...(await succeed(job, "created", number)), chatAddId };
}

/** Polls chat_add_status while the row holds no worker slot (admission counts it as waiting). */
async function waitWithoutSlot(
  job: RowJob,
  chatAddId: string,
  options: { pollFirst: boolean; deadline: number; untilUnexpected: boolean },
): Promise<AddWaitResult> {
  const { services, learners } = job;
  const gate = learners.configGate;
  services.onAddWait?.(true);
  try {
    return await waitForChatAdd(services.poll, chatAddId, {
      deadline: options.deadline,
      untilUnexpected: options.untilUnexpected,
      schedule: job.settings.pollSchedule,
      ...(learners.addTimings ? { timings: learners.addTimings } : {}),
      // The rest of the run waits on this add to prove the mapping (config-gate.ts): worth a poll or two more.
      ...(gate ? { urgent: () => gate.holds(job.key) } : {}),
      pollFirst: options.pollFirst,
      now: services.now,
      sleep: services.sleep,
      ...(services.signal ? { signal: services.signal } : {}),
    });
  } finally {
    services.onAddWait?.(false);
  }
}

/** ChatGuru's chat_add_status values are not documented: an unknown one is reported, and the add is kept. */
function unexpectedStatusWarning(job: RowJob, chatAddId: string, value: string): Text {
  return text("row.unexpectedAddStatus", { row: job.draft.rowNumber, value, chatAddId });
}
