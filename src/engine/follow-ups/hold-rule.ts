import type { ContactDraft } from "../../mapping/contact.js";
import type { RowState } from "../../state/state-store.js";
import type { Text } from "../../core/text.js";
import { text } from "../../messages/text.js";
import { textHash } from "../decide/values-hash.js";
import type { FollowUpSettings } from "../job/row-context.js";
import type { RowJob } from "../job/row-job.js";

/**
 * A lost journal never becomes a second message, and a first campaign is not held (see docs/at-most-once.md): a
 * dialog, message or file for a chat that already exists is held only on evidence that an earlier run may have sent
 * it and the journal that would know is gone —
 * - the row carries this tool's write-back (in the source, the sheet, or the results file) while the journal has no
 *   record of it: journaled as `held: true` when the run first meets the row (hold-evidence.ts), or
 * - the journal replaced a lost one: emptied, or deleted while files it kept beside it remain (StateStore.lost).
 * Both live in the journal, so an interrupted run and its re-run judge alike. A first run with no such evidence sends.
 * A chat this journal saw chat_add create (`done`) is never held: nothing could have been sent to it before. A row a
 * person released (`held: false`) is known to this journal from then on.
 */
export function holdApplies(state: RowState | undefined, settings: FollowUpSettings): boolean {
  if (state?.addStatus === "done") return false;
  if (state?.held !== undefined) return state.held;
  return settings.lostJournal;
}

/**
 * Whether the step must be skipped (held). Journals the decision: `held: true` so later runs keep holding, or — for a
 * row the person released — `held: false`, so the next text for this chat is not held again.
 */
export async function holdIfNeeded(job: RowJob): Promise<boolean> {
  const settings = job.followUps;
  if (!settings) return false;
  const state = job.entry;
  if (!holdApplies(state, settings)) return false;
  if (settings.release.covers(job.draft.rowNumber)) {
    await job.journal({ held: false, phone: job.draft.phone.canonical });
    return false;
  }
  if (state?.held !== true) await job.journal({ held: true, phone: job.draft.phone.canonical });
  return true;
}

/** What of the row is held now: its sends the journal has not recorded (said on the row and in the summary). */
export function heldParts(draft: ContactDraft, state: RowState | undefined): string[] {
  const parts: string[] = [];
  if (draft.dialogId !== undefined && state?.dialogHash !== textHash(draft.dialogId)) parts.push("dialog");
  if (draft.message && draft.message.text.trim() !== "" && state?.messageHash !== textHash(draft.message.text))
    parts.push("message");
  if (draft.file && draft.file.url.trim() !== "" && state?.fileHash !== textHash(draft.file.url)) parts.push("file");
  return parts;
}

/** The row's MESSAGE_HELD text: what was held, why, and the one command that releases this row. */
export function heldText(rowNumber: number, parts: string[]): Text {
  return text("row.held", { row: rowNumber, parts });
}
