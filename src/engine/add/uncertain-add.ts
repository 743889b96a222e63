import { text, type Text } from "../../messages/text.js";
import { candidates } from "../job/chat-target.js";
import type { RowJob } from "../job/row-job.js";
import type { ContactResult } from "../job/row-result.js";
import { applyUpdates, hasUpdates } from "../follow-ups/chat-updates.js";
import { dropOwedDialog } from "../follow-ups/owed-dialog.js";
import { succeed } from "../follow-ups/succeed.js";
import { isRowFailure, RowFailure } from "../shared/row-failure.js";

/** A blank-text chat_add sends nothing visible, so re-adding is safe — but not forever against a flaky network. */
export const MAX_BLANK_READDS = 3;

export interface ReAdd {
  /** Blank re-adds already made for this row in this run. */
  reAdds: number;
  /** Sends chat_add again, counting it as re-add number `n`. */
  reAdd: (n: number) => Promise<ContactResult>;
}

/**
 * The chat_add answer was lost (timeout/reset; see docs/at-most-once.md). Probe with an update for a while (the add
 * itself takes seconds to land); if the chat never shows up, re-add only when the add text is blank — otherwise a
 * second real WhatsApp message could go out, so the row fails ADD_UNCERTAIN.
 */
export async function resolveUncertainAdd(job: RowJob, again: ReAdd): Promise<ContactResult> {
  const { now } = job.services;
  const prior = job.entry;
  // The window counts from when the add was last touched: after a crash, the time the process was down counts too.
  const since = prior?.updatedAt ? Math.min(Date.parse(prior.updatedAt), now()) : now();
  const deadline = (Number.isNaN(since) ? now() : since) + job.settings.uncertainProbeMs;
  await job.journal({ addStatus: "uncertain" });
  // Re-adding is harmless only when the add sends nothing: a blank first message and no dialog (a dialog sends real
  // WhatsApp messages, and a re-add answered `fetched` would run it again through dialog_execute).
  const blankText = isBlankAdd(job);
  // Nothing mapped to update means no call can show whether the chat exists: a blank add is harmless to repeat
  // (ChatGuru answers `fetched`), a real first message is not.
  const numbers = candidates(prior?.number, job.draft, job.learners.forms);
  const found = hasUpdates(job.draft) ? await probe(job, numbers, deadline) : undefined;
  if (found) return found;
  if (blankText && again.reAdds < MAX_BLANK_READDS) return await again.reAdd(again.reAdds + 1);
  throw new RowFailure("ADD_UNCERTAIN", uncertainMessage(job), "chat_add");
}

/** Updates the chat until it exists (the add landed: `created`) or the deadline passes (undefined). */
async function probe(job: RowJob, numbers: string[], deadline: number): Promise<ContactResult | undefined> {
  const { services, settings } = job;
  let gap = Math.min(settings.pollSchedule.firstMs, settings.uncertainProbeMs);
  services.onAddWait?.(true);
  try {
    for (;;) {
      try {
        const number = await applyUpdates(job, numbers, services.follow);
        // Found by probing, not seen created: it may have existed, so a deferred add's dialog is not run.
        await dropOwedDialog(job, { afterLostAdd: true });
        return await succeed(job, "created", number);
      } catch (error) {
        if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) throw error;
      }
      const wait = Math.min(gap, deadline - services.now());
      if (wait <= 0) return undefined;
      await services.sleep(wait, services.signal);
      gap = Math.min(settings.pollSchedule.maxMs, gap * settings.pollSchedule.factor);
    }
  } finally {
    services.onAddWait?.(false);
  }
}

/**
 * The add as it was sent: blank text, and no dialog_id — none mapped, or deferred to dialog_execute (owed-dialog.ts;
 * the journal says so, whichever run sent it).
 */
function isBlankAdd(job: RowJob): boolean {
  const deferred = job.entry?.addDialogOwed === true;
  return job.draft.chatAdd.text.trim() === "" && (!job.draft.chatAdd.dialogId || deferred);
}

export function uncertainMessage(job: RowJob): Text {
  const { draft } = job;
  return text("row.addUncertain", {
    phone: draft.phone.canonical,
    blank: isBlankAdd(job),
    times: MAX_BLANK_READDS + 1,
    dialog: Boolean(draft.chatAdd.dialogId),
  });
}
