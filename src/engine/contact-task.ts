import { addNote, chatAdd, executeDialog, updateCustomFields } from "../chatguru/actions.js";
import { isChatGuruError } from "../chatguru/errors.js";
import { isAbortError } from "../errors.js";
import type { ChatGuruClient } from "../chatguru/types.js";
import type { ContactDraft } from "../mapping/contact.js";
import type { Outcome } from "../core/outcome.js";
import { waitForChatAdd, type AddWaitResult, type PollSchedule } from "./add-waiter.js";
import type { SyncEventListener } from "./events.js";
import { isUnchanged } from "./plan.js";
import { isRowFailure, RowFailure } from "./row-failure.js";
import type { RowState, RowStatePatch, StateStore } from "../state/state-store.js";
import { sleep } from "../util/sleep.js";
import { textHash } from "./values-hash.js";

export type SyncMode = "create" | "update" | "upsert";

/** Everything the journal knows about a row's chat — dropped when the row's phone changes. */
const FORGET_CONTACT: RowStatePatch = {
  number: null,
  chatAddId: null,
  addStatus: null,
  pendingHash: null,
  noteHash: null,
  dialogHash: null,
  hash: null,
  lastOutcome: null,
};

/** Everything the per-row pipeline needs, injected by run-sync. */
export interface ContactContext {
  /** Client for a row's first request (lowest priority: starting new rows waits behind finishing old ones). */
  first: ChatGuruClient;
  /** Client for the follow-up requests of a row already started. */
  follow: ChatGuruClient;
  /** Client for chat_add_status polls. */
  poll: ChatGuruClient;
  state: StateStore;
  mode: SyncMode;
  /** false = --no-wait: a fresh chat_add ends the row `pending` at once. */
  waitForAdds: boolean;
  addTimeoutMs: number;
  pollSchedule: PollSchedule;
  /** How long a lost chat_add response is given to show up before deciding (SPEC §5 uncertain add). */
  uncertainProbeMs: number;
  signal?: AbortSignal;
  now: () => number;
  onEvent?: SyncEventListener;
  /** Called when the row starts/stops waiting on an asynchronous chat_add (it then holds no worker slot). */
  onAddWait?: (waiting: boolean) => void;
}

export interface ContactResult {
  outcome: Extract<Outcome, "created" | "updated" | "unchanged" | "pending" | "failed">;
  chatNumber?: string;
  chatAddId?: string;
  errorCode?: string;
  error?: string;
  syncedAt?: string;
}

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
  let prior = ctx.state.get(draft.key);
  try {
    if (prior?.phone !== undefined && prior.phone !== draft.phone.canonical) {
      // The row's phone was edited: the remembered number, add and note belong to the old contact. Start over.
      prior = await ctx.state.update(draft.key, { phone: draft.phone.canonical, ...FORGET_CONTACT });
    }
    if (isUnchanged(prior, hash, options.full)) {
      return { outcome: "unchanged", ...known(prior) };
    }
    // An add from an earlier run is still in ChatGuru's hands: poll it, never add again.
    if (prior?.addStatus === "pending" && prior.chatAddId) {
      return await finishAdd(draft, hash, ctx, prior.chatAddId, { pollFirst: true, wait: ctx.waitForAdds });
    }
    // A chat_add was sent (intent journaled) but its answer never came back.
    if (prior?.addStatus === "intent" || prior?.addStatus === "uncertain") {
      return await resolveUncertainAdd(draft, hash, ctx, prior);
    }
    const canUpdateFirst = ctx.mode !== "create" || Boolean(prior?.number);
    if (canUpdateFirst && hasUpdates(draft)) {
      try {
        const number = await applyUpdates(draft, hash, ctx, candidates(prior?.number, draft), ctx.first);
        return await succeed(draft, hash, ctx, "updated", number);
      } catch (error) {
        if (!(isRowFailure(error, "CHAT_NOT_FOUND") && ctx.mode === "upsert")) throw error;
      }
    } else if (ctx.mode === "update") {
      // Nothing mapped to send: there is no call that would prove the chat exists, and nothing to change.
      return { outcome: "unchanged", ...known(prior) };
    }
    return await createChat(draft, hash, ctx, { reAdds: 0 });
  } catch (error) {
    return await fail(draft, ctx, error);
  }
}

function hasUpdates(draft: ContactDraft): boolean {
  return Object.keys(draft.fields).length > 0 || draft.note !== undefined || draft.dialogId !== undefined;
}

/** The remembered number first (it may be a `corrigido para` number), then the canonical and the 9th-digit alternate. */
function candidates(remembered: string | undefined, draft: ContactDraft): string[] {
  const list = [remembered, draft.phone.canonical, draft.phone.alternate].filter((n): n is string => Boolean(n));
  return [...new Set(list)];
}

/** What the journal knows of a row, as result columns (for rows this run does not touch). */
export function known(prior: RowState | undefined): Pick<ContactResult, "chatNumber" | "chatAddId" | "syncedAt"> {
  return {
    ...(prior?.number ? { chatNumber: prior.number } : {}),
    ...(prior?.chatAddId ? { chatAddId: prior.chatAddId } : {}),
    ...(prior?.syncedAt ? { syncedAt: prior.syncedAt } : {}),
  };
}

/**
 * Runs `request` on each candidate number until one is not "Chat não encontrado." (SPEC §2, the 9th digit: ChatGuru
 * often stores a mobile under the 12-digit form WhatsApp registered). Returns the number that worked.
 */
async function onFirstExistingNumber(
  numbers: string[],
  request: (number: string) => Promise<unknown>,
): Promise<string> {
  let lastError: unknown;
  for (const number of numbers) {
    try {
      await request(number);
      return number;
    } catch (error) {
      if (!isRowFailure(error, "CHAT_NOT_FOUND")) throw error;
      lastError = error;
    }
  }
  throw new RowFailure(
    "CHAT_NOT_FOUND",
    `no chat for ${numbers.join(" or ")} (${(lastError as Error).message})`,
    (lastError as RowFailure).action,
  );
}

/**
 * Custom fields, then note, then dialog, on the first number that exists. Note and dialog are journaled per values
 * hash so a re-run after a later step failed does not add the same note twice.
 */
async function applyUpdates(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  numbers: string[],
  firstClient: ChatGuruClient,
): Promise<string> {
  const prior = ctx.state.get(draft.key);
  let client = firstClient;
  let number: string | undefined;
  const onChat = async (request: (n: string) => Promise<unknown>) => {
    if (number === undefined) {
      // Journaled with the next write (note, dialog or the outcome), not on its own: one line per row, not two.
      number = await onFirstExistingNumber(numbers, request);
      client = ctx.follow;
    } else {
      await request(number);
    }
  };
  if (Object.keys(draft.fields).length > 0) {
    await onChat((n) => updateCustomFields(client, n, draft.fields));
  }
  // Keyed by the note's own text (not the row's values): editing another cell must not add the same note again.
  const noteHash = draft.note !== undefined ? textHash(draft.note) : undefined;
  if (noteHash !== undefined && prior?.noteHash !== noteHash) {
    // A note is internal to the team: after a crash, adding it again beats losing it, so it is journaled after.
    await onceAfterAnswer({ noteHash }, () => onChat((n) => addNote(client, n, draft.note!)), "note_add");
  }
  const dialogHash = draft.dialogId !== undefined ? textHash(draft.dialogId) : undefined;
  if (dialogHash !== undefined && prior?.dialogHash !== dialogHash) {
    await atMostOnce(
      { dialogHash },
      { dialogHash: prior?.dialogHash ?? null },
      () => onChat((n) => executeDialogOnce(client, n, draft.dialogId!)),
      "dialog_execute",
    );
  }
  return number ?? numbers[0]!;

  /**
   * A dialog sends WhatsApp messages to the contact: twice is worse than not at all. It is journaled as done BEFORE
   * it is sent, so neither a lost answer nor a crash between ChatGuru running it and us hearing back can repeat it.
   * Only a failure that proves nothing was sent (a ChatGuru refusal, a request that never started) takes it back.
   */
  async function atMostOnce(
    mark: RowStatePatch,
    unmark: RowStatePatch,
    request: () => Promise<void>,
    action: string,
  ): Promise<void> {
    await ctx.state.update(draft.key, { ...mark, phone: draft.phone.canonical });
    try {
      await request();
    } catch (error) {
      if (isRowFailure(error, "OUTCOME_UNKNOWN")) return lostAnswer(action);
      const neverSent =
        isRowFailure(error) || isAbortError(error) || (ctx.signal?.aborted === true && error === ctx.signal.reason);
      if (neverSent) await ctx.state.update(draft.key, unmark);
      throw error;
    }
  }

  /** Journaled once ChatGuru answered; a lost answer is not resent in this run either (it may have been saved). */
  async function onceAfterAnswer(mark: RowStatePatch, request: () => Promise<void>, action: string): Promise<void> {
    try {
      await request();
    } catch (error) {
      if (!isRowFailure(error, "OUTCOME_UNKNOWN")) throw error;
      lostAnswer(action);
    }
    await ctx.state.update(draft.key, { ...mark, phone: draft.phone.canonical });
  }

  function lostAnswer(action: string): void {
    ctx.onEvent?.({
      type: "warning",
      message: `Row ${draft.rowNumber}: the answer to ${action}${number ? ` for ${number}` : ""} was lost; it was not sent again (check the chat in ChatGuru).`,
    });
  }
}

/** SPEC §2: dialog_execute may answer "contexto não foi validado"; one immediate retry succeeds. */
async function executeDialogOnce(client: ChatGuruClient, number: string, dialogId: string): Promise<void> {
  try {
    await executeDialog(client, number, dialogId);
  } catch (error) {
    if (!isRowFailure(error, "DIALOG_CONTEXT_NOT_VALIDATED")) throw error;
    await executeDialog(client, number, dialogId);
  }
}

async function createChat(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  options: { reAdds: number },
): Promise<ContactResult> {
  // Intent first: if we crash between here and the answer, the next run knows an add may be in flight.
  await ctx.state.update(draft.key, {
    addStatus: "intent",
    pendingHash: hash,
    chatAddId: null,
    rowNumber: draft.rowNumber,
    phone: draft.phone.canonical,
  });
  let chatAddId: string;
  try {
    const added = await chatAdd(options.reAdds > 0 ? ctx.follow : ctx.first, {
      chatNumber: draft.phone.canonical,
      name: draft.name,
      text: draft.chatAdd.text,
      ...(draft.chatAdd.userId ? { userId: draft.chatAdd.userId } : {}),
      ...(draft.chatAdd.dialogId ? { dialogId: draft.chatAdd.dialogId } : {}),
    });
    chatAddId = added.chatAddId;
  } catch (error) {
    // Only an answer proves the add was not applied: a 4xx, or retries that all failed before reaching ChatGuru.
    if (isRowFailure(error) && error.code !== "ADD_OUTCOME_UNKNOWN") {
      await ctx.state.update(draft.key, { addStatus: null });
      throw error;
    }
    // Lost answer, cancelled at shutdown, run aborted mid-request: the add may exist. The next step (or the next
    // run) resolves it by probing, never by a blind resend.
    await ctx.state.update(draft.key, { addStatus: "uncertain" });
    if (!isRowFailure(error) || ctx.signal?.aborted) throw error;
    if (options.reAdds >= MAX_BLANK_READDS) throw new RowFailure("ADD_UNCERTAIN", uncertainMessage(draft), "chat_add");
    return await resolveUncertainAdd(draft, hash, ctx, ctx.state.get(draft.key), options.reAdds);
  }
  await ctx.state.update(draft.key, { chatAddId, addStatus: "pending" });
  ctx.onEvent?.({ type: "add-pending", rowNumber: draft.rowNumber, chatAddId });
  return await finishAdd(draft, hash, ctx, chatAddId, { pollFirst: false, wait: ctx.waitForAdds });
}

async function finishAdd(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  chatAddId: string,
  options: { pollFirst: boolean; wait: boolean },
): Promise<ContactResult> {
  let answer: AddWaitResult;
  ctx.onAddWait?.(true);
  try {
    answer = await waitForChatAdd(ctx.poll, chatAddId, {
      // --no-wait on a resumed add: look once, then leave it pending.
      deadline: options.wait ? ctx.now() + ctx.addTimeoutMs : options.pollFirst ? ctx.now() : -1,
      schedule: ctx.pollSchedule,
      pollFirst: options.pollFirst,
      now: ctx.now,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } finally {
    ctx.onAddWait?.(false);
  }
  if (answer.status === "pending") {
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
    throw new RowFailure("CHAT_ADD_REFUSED", `ChatGuru refused the chat: "${answer.description}"`, "chat_add_status");
  }
  // SPEC §2: "corrigido para <digits>" = ChatGuru stored the chat under that number; every later call uses it.
  const stored = answer.correctedNumber ?? draft.phone.canonical;
  await ctx.state.update(draft.key, { addStatus: answer.status, number: stored });
  const numbers = candidates(stored, draft);
  let number = stored;
  if (hasUpdates(draft)) number = await applyUpdates(draft, hash, ctx, numbers, ctx.follow);
  // SPEC §2: chat_add's dialog_id does not run for a chat that already existed.
  if (answer.status === "fetched" && draft.chatAdd.dialogId) {
    await executeDialogOnce(ctx.follow, number, draft.chatAdd.dialogId);
  }
  const result = await succeed(draft, hash, ctx, answer.status === "done" ? "created" : "updated", number);
  return { ...result, chatAddId };
}

/**
 * SPEC §5: the chat_add answer was lost (timeout/reset). Probe with an update for a while (the add itself takes
 * seconds to land); if the chat never shows up, re-add only when the add text is blank — otherwise a second real
 * WhatsApp message could go out, so the row fails ADD_UNCERTAIN.
 */
async function resolveUncertainAdd(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  prior: RowState | undefined,
  reAdds = 0,
): Promise<ContactResult> {
  // The window counts from when the add was last touched: after a crash, the time the process was down counts too.
  const since = prior?.updatedAt ? Math.min(Date.parse(prior.updatedAt), ctx.now()) : ctx.now();
  const deadline = (Number.isNaN(since) ? ctx.now() : since) + ctx.uncertainProbeMs;
  await ctx.state.update(draft.key, { addStatus: "uncertain" });
  // Re-adding is harmless only when the add sends nothing: a blank first message and no dialog (a dialog sends real
  // WhatsApp messages, and a re-add answered `fetched` would run it again through dialog_execute).
  const blankText = draft.chatAdd.text.trim() === "" && !draft.chatAdd.dialogId;
  if (!hasUpdates(draft)) {
    // Nothing mapped to update means no call can show whether the chat exists: a blank add is harmless to repeat
    // (ChatGuru answers `fetched`), a real first message is not.
    if (blankText && reAdds < MAX_BLANK_READDS) return await createChat(draft, hash, ctx, { reAdds: reAdds + 1 });
    throw new RowFailure("ADD_UNCERTAIN", uncertainMessage(draft), "chat_add");
  }
  const numbers = candidates(prior?.number, draft);
  let gap = Math.min(ctx.pollSchedule.firstMs, ctx.uncertainProbeMs);
  ctx.onAddWait?.(true);
  try {
    for (;;) {
      try {
        const number = await applyUpdates(draft, hash, ctx, numbers, ctx.follow);
        return await succeed(draft, hash, ctx, "created", number);
      } catch (error) {
        if (!isRowFailure(error, "CHAT_NOT_FOUND")) throw error;
      }
      const wait = Math.min(gap, deadline - ctx.now());
      if (wait <= 0) break;
      await sleep(wait, ctx.signal);
      gap = Math.min(ctx.pollSchedule.maxMs, gap * ctx.pollSchedule.factor);
    }
  } finally {
    ctx.onAddWait?.(false);
  }
  if (blankText && reAdds < MAX_BLANK_READDS) return await createChat(draft, hash, ctx, { reAdds: reAdds + 1 });
  throw new RowFailure("ADD_UNCERTAIN", uncertainMessage(draft), "chat_add");
}

/** A blank-text chat_add sends nothing visible, so re-adding is safe — but not forever against a flaky network. */
const MAX_BLANK_READDS = 3;

function uncertainMessage(draft: ContactDraft): string {
  const why =
    draft.chatAdd.text.trim() === "" && !draft.chatAdd.dialogId
      ? `its answers were lost ${MAX_BLANK_READDS + 1} times`
      : `it was not sent again because it sends real WhatsApp messages (${draft.chatAdd.dialogId ? "a dialog" : "its text"})`;
  return (
    `the answer to chat_add for ${draft.phone.canonical} was lost and the chat has not appeared; ${why}. ` +
    `Check the chat in ChatGuru and re-run (a chat that appeared is then updated).`
  );
}

async function succeed(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  outcome: "created" | "updated",
  number: string,
): Promise<ContactResult> {
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
  return { outcome, chatNumber: number, syncedAt, ...(state.chatAddId ? { chatAddId: state.chatAddId } : {}) };
}

const HINTS: Record<string, string> = {
  FIELD_NOT_CONFIGURED:
    "create the custom field in ChatGuru (Configurações → Campos Personalizados) with exactly that name, or remove it from the mapping",
  INITIAL_MESSAGE_INVALID: 'this is an official WhatsApp Business number: set "chat_add": {"text": " "} in the mapping',
  CHAT_NOT_FOUND: 'the chat does not exist in ChatGuru: use "mode": "upsert" (or "create") to add it',
};

async function fail(draft: ContactDraft, ctx: ContactContext, caught: unknown): Promise<ContactResult> {
  // A ChatGuru error that escaped classification (e.g. a parameter ChatGuru would refuse) is still this row's problem.
  const error = isChatGuruError(caught) ? new RowFailure(caught.code, caught.message, caught.action) : caught;
  if (!isRowFailure(error)) throw error;
  const hint = HINTS[error.code];
  const message = hint ? `${error.message} — ${hint}` : error.message;
  const prior = ctx.state.get(draft.key);
  await ctx.state.update(draft.key, {
    lastOutcome: "failed",
    errorCode: error.code,
    error: message,
    rowNumber: draft.rowNumber,
  });
  return { outcome: "failed", errorCode: error.code, error: message, ...known(prior) };
}
