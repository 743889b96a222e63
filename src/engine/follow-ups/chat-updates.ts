import { addNote, executeDialog, updateCustomFields } from "../../chatguru/actions.js";
import type { ChatGuruClient } from "../../chatguru/types.js";
import { isInterruptedError, isRunAbortedError } from "../../errors.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowStatePatch } from "../../state/state-store.js";
import type { ContactContext } from "../job/row-context.js";
import type { NumberForms } from "../learning/number-forms.js";
import { ChatTarget, type ProbeOptions } from "../job/chat-target.js";
import { holdIfNeeded } from "./hold-rule.js";
import { isRowFailure } from "../shared/row-failure.js";
import { textHash } from "../decide/values-hash.js";

/** The row maps something to send besides the add itself. */
export function hasUpdates(draft: ContactDraft): boolean {
  return Object.keys(draft.fields).length > 0 || draft.note !== undefined || draft.dialogId !== undefined;
}

/**
 * The remembered number first (it may be a `corrigido para` number), then the canonical and the 9th-digit alternate
 * — the form this account stores for the area code first once the run has learnt it.
 */
export function candidates(remembered: string | undefined, draft: ContactDraft, forms?: NumberForms): string[] {
  const both = forms ? forms.ordered(draft) : [draft.phone.canonical, draft.phone.alternate];
  const list = [remembered, ...both].filter((n): n is string => Boolean(n));
  return [...new Set(list)];
}

/**
 * Custom fields, then note, then dialog, on the first number that exists. Note and dialog are journaled per text
 * hash so a re-run after a later step failed does not add the same note twice. Returns the number used.
 * `probe` says how the first request looks among `numbers` (chat-target.ts).
 */
export async function applyUpdates(
  draft: ContactDraft,
  ctx: ContactContext,
  numbers: string[],
  firstClient: ChatGuruClient,
  probe: ProbeOptions = {},
): Promise<string> {
  const prior = ctx.state.get(draft.key);
  const target = new ChatTarget(numbers, firstClient, ctx.follow, ctx.forms, draft, probe);
  if (Object.keys(draft.fields).length > 0) {
    await target.send((client, n) => updateCustomFields(client, n, draft.fields));
    // ChatGuru knows these fields: rows that send only these need not wait for an add to finish (config-gate.ts).
    ctx.configGate?.fieldsAccepted(Object.keys(draft.fields));
  }
  // Keyed by the note's own text (not the row's values): editing another cell must not add the same note again.
  const noteHash = draft.note !== undefined ? textHash(draft.note) : undefined;
  if (noteHash !== undefined && prior?.noteHash !== noteHash) {
    // A note is internal to the team: adding it again beats losing it, so it is journaled after ChatGuru's answer.
    await afterAnswer(draft, ctx, target, { noteHash }, (client, n) => addNote(client, n, draft.note!));
  }
  const dialogHash = draft.dialogId !== undefined ? textHash(draft.dialogId) : undefined;
  // A dialog an earlier run may have run, whose journal is gone, is held (held-actions.ts), never run a second time.
  if (dialogHash !== undefined && prior?.dialogHash !== dialogHash && !(await holdIfNeeded(draft, ctx))) {
    const undo = { dialogHash: prior?.dialogHash ?? null, dialogStatus: prior?.dialogStatus ?? null };
    // `sending` until the answer: one left behind by a kill makes the row say its dialog is uncertain.
    const mark = { dialogHash, dialogStatus: "sending" };
    await atMostOnce(draft, ctx, target, mark, undo, (client, n) => executeDialogOnce(client, n, draft.dialogId!));
  }
  return target.number ?? numbers[0]!;
}

type Request = (client: ChatGuruClient, number: string) => Promise<unknown>;

/**
 * A dialog sends WhatsApp messages to the contact: twice is worse than not at all. It is journaled as done BEFORE
 * it is sent, so neither a lost answer nor a crash between ChatGuru running it and us hearing back can repeat it.
 * Only a failure that proves nothing was sent (a ChatGuru refusal, a request that never started) takes it back.
 */
async function atMostOnce(
  draft: ContactDraft,
  ctx: ContactContext,
  target: ChatTarget,
  mark: RowStatePatch,
  unmark: RowStatePatch,
  request: Request,
): Promise<void> {
  await ctx.state.update(draft.key, { ...mark, phone: draft.phone.canonical });
  try {
    await target.send(request);
    await ctx.state.update(draft.key, { dialogStatus: null });
  } catch (error) {
    await settleDialogFailure(error, draft, ctx, unmark);
  }
}

/**
 * A journaled dialog's request failed. It may have run (a 500/502/504, a timeout or a reset after the request went
 * out): it stays journaled as done, so it never runs again, and as `uncertain`, so the row ends MESSAGE_UNCERTAIN on
 * this run and every later one until a person settles it (uncertain-sends.ts); the row's other steps still go. A
 * failure that proves nothing was sent takes the mark back with `unmark` and goes on, as does any other error.
 */
export async function settleDialogFailure(
  error: unknown,
  draft: ContactDraft,
  ctx: ContactContext,
  unmark: RowStatePatch,
): Promise<void> {
  if (isRowFailure(error, "OUTCOME_UNKNOWN")) {
    await ctx.state.update(draft.key, { dialogStatus: "uncertain" });
    return;
  }
  const neverSent =
    isRowFailure(error) ||
    isRunAbortedError(error) ||
    isInterruptedError(error) ||
    (ctx.signal?.aborted === true && error === ctx.signal.reason);
  if (neverSent) await ctx.state.update(draft.key, unmark);
  throw error;
}

/**
 * A note is at-least-once (engine/retry-policy.ts AT_LEAST_ONCE_ACTIONS): a lost answer is retried by the scheduled
 * client, and the note is journaled only once ChatGuru answered. A note that still got no answer fails the row
 * without being journaled, so the next run adds it (a crash in between may add it twice; it is never lost).
 */
async function afterAnswer(
  draft: ContactDraft,
  ctx: ContactContext,
  target: ChatTarget,
  mark: RowStatePatch,
  request: Request,
): Promise<void> {
  await target.send(request);
  await ctx.state.update(draft.key, { ...mark, phone: draft.phone.canonical });
}

/** SPEC §2: dialog_execute may answer "contexto não foi validado"; one immediate retry succeeds. */
export async function executeDialogOnce(client: ChatGuruClient, number: string, dialogId: string): Promise<void> {
  try {
    await executeDialog(client, number, dialogId);
  } catch (error) {
    if (!isRowFailure(error, "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED")) throw error;
    await executeDialog(client, number, dialogId);
  }
}
