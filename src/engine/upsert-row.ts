import type { ContactDraft } from "../mapping/contact.js";
import type { RowState } from "../state/state-store.js";
import { createChat } from "./chat-add.js";
import type { ContactContext, ContactResult } from "./contact-context.js";
import { succeed } from "./contact-outcome.js";
import { applyUpdates, candidates } from "./contact-updates.js";
import { isRowFailure } from "./row-failure.js";
import { sendsNothingVisible, type UpsertStrategy } from "./upsert-strategy.js";

/**
 * Upsert of a row the journal has no pending or uncertain add for, in the order the run's strategy picks
 * (upsert-strategy.ts): update first and create when no form of the number has a chat, or add first and let
 * `chat_add` answer `fetched` for a chat that existed.
 */
export async function upsertRow(
  draft: ContactDraft,
  hash: string,
  ctx: ContactContext,
  prior: RowState | undefined,
  strategy: UpsertStrategy,
): Promise<ContactResult> {
  const choice = await strategy.choose(draft, prior);
  try {
    if (choice.order === "add-first") {
      return await createChat(draft, hash, ctx, { reAdds: 0, onAnswer: choice.observe });
    }
    try {
      const blank = !prior?.number && sendsNothingVisible(draft);
      const number = await applyUpdates(draft, ctx, probeNumbers(draft, ctx, prior), ctx.first, {
        stopAfterMiss: (missed) => blank && ctx.forms?.storedForm(draft) === missed,
        preferLearnt: !prior?.number,
      });
      choice.observe(false);
      return await succeed(draft, hash, ctx, "updated", number);
    } catch (error) {
      if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) throw error;
      choice.observe(true);
    }
    return await createChat(draft, hash, ctx, { reAdds: 0 });
  } finally {
    choice.release();
  }
}

/**
 * The numbers to probe before adding. The probe of a blank add also stops after a miss on the form the area code
 * turned out to be stored under while it ran (rows probe concurrently: another row may have just learnt it). Once the run knows which 9th-digit form this area code is stored under, a
 * blank add skips the other form: should the chat be there after all, `chat_add` answers `fetched` with
 * `corrigido para` and nothing visible is sent. An add that sends something probes both forms first.
 */
function probeNumbers(draft: ContactDraft, ctx: ContactContext, prior: RowState | undefined): string[] {
  const stored = ctx.forms?.storedForm(draft);
  if (stored && !prior?.number && sendsNothingVisible(draft)) return [stored];
  return candidates(prior?.number, draft, ctx.forms);
}
