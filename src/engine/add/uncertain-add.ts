import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState } from "../../state/state-store.js";
import type { ContactContext, ContactResult } from "../job/row-context.js";
import { dropOwedDialog } from "../follow-ups/owed-dialog.js";
import { succeed } from "../follow-ups/succeed.js";
import { applyUpdates, candidates, hasUpdates } from "../follow-ups/chat-updates.js";
import { isRowFailure, RowFailure } from "../shared/row-failure.js";
import { text, type Text } from "../../messages/text.js";

/** A blank-text chat_add sends nothing visible, so re-adding is safe — but not forever against a flaky network. */
export const MAX_BLANK_READDS = 3;

export interface ReAdd {
  /** Blank re-adds already made for this row in this run. */
  reAdds: number;
  /** Sends chat_add again, counting it as re-add number `n`. */
  reAdd: (n: number) => Promise<ContactResult>;
}

/**
 * SPEC §5: the chat_add answer was lost (timeout/reset). Probe with an update for a while (the add itself takes
 * seconds to land); if the chat never shows up, re-add only when the add text is blank — otherwise a second real
 * WhatsApp message could go out, so the row fails ADD_UNCERTAIN.
 */
export async function resolveUncertainAdd(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  prior: RowState | undefined,
  again: ReAdd,
): Promise<ContactResult> {
  // The window counts from when the add was last touched: after a crash, the time the process was down counts too.
  const since = prior?.updatedAt ? Math.min(Date.parse(prior.updatedAt), ctx.now()) : ctx.now();
  const deadline = (Number.isNaN(since) ? ctx.now() : since) + ctx.uncertainProbeMs;
  await ctx.state.update(draft.key, { addStatus: "uncertain" });
  // Re-adding is harmless only when the add sends nothing: a blank first message and no dialog (a dialog sends real
  // WhatsApp messages, and a re-add answered `fetched` would run it again through dialog_execute).
  const blankText = isBlankAdd(draft, ctx);
  // Nothing mapped to update means no call can show whether the chat exists: a blank add is harmless to repeat
  // (ChatGuru answers `fetched`), a real first message is not.
  const found = hasUpdates(draft)
    ? await probe(draft, hash, ctx, candidates(prior?.number, draft, ctx.forms), deadline)
    : undefined;
  if (found) return found;
  if (blankText && again.reAdds < MAX_BLANK_READDS) return await again.reAdd(again.reAdds + 1);
  throw new RowFailure("ADD_UNCERTAIN", uncertainMessage(draft, ctx), "chat_add");
}

/** Updates the chat until it exists (the add landed: `created`) or the deadline passes (undefined). */
async function probe(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  numbers: string[],
  deadline: number,
): Promise<ContactResult | undefined> {
  let gap = Math.min(ctx.pollSchedule.firstMs, ctx.uncertainProbeMs);
  ctx.onAddWait?.(true);
  try {
    for (;;) {
      try {
        const number = await applyUpdates(draft, ctx, numbers, ctx.follow);
        // Found by probing, not seen created: it may have existed, so a deferred add's dialog is not run.
        await dropOwedDialog(draft, ctx, { afterLostAdd: true });
        return await succeed(draft, hash, ctx, "created", number);
      } catch (error) {
        if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) throw error;
      }
      const wait = Math.min(gap, deadline - ctx.now());
      if (wait <= 0) return undefined;
      await ctx.sleep(wait, ctx.signal);
      gap = Math.min(ctx.pollSchedule.maxMs, gap * ctx.pollSchedule.factor);
    }
  } finally {
    ctx.onAddWait?.(false);
  }
}

/**
 * The add as it was sent: blank text, and no dialog_id — none mapped, or deferred to dialog_execute (add-dialog.ts;
 * the journal says so, whichever run sent it).
 */
function isBlankAdd(draft: ContactDraft, ctx: Pick<ContactContext, "state">): boolean {
  const deferred = ctx.state.get(draft.key)?.addDialogOwed === true;
  return draft.chatAdd.text.trim() === "" && (!draft.chatAdd.dialogId || deferred);
}

export function uncertainMessage(draft: ContactDraft, ctx: Pick<ContactContext, "state">): Text {
  return text("row.addUncertain", {
    phone: draft.phone.canonical,
    blank: isBlankAdd(draft, ctx),
    times: MAX_BLANK_READDS + 1,
    dialog: Boolean(draft.chatAdd.dialogId),
  });
}
