import type { ContactDraft } from "../mapping/contact.js";
import type { RowState } from "../state/state-store.js";
import { createChat } from "./chat-add.js";
import type { ContactContext, ContactResult } from "./contact-context.js";
import { succeed } from "./contact-outcome.js";
import { applyUpdates, candidates } from "./contact-updates.js";
import type { ProbeOptions } from "./chat-target.js";
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
      const { numbers, options } = probe(draft, ctx, prior);
      const number = await applyUpdates(draft, ctx, numbers, ctx.first, options);
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
 * The numbers to probe before adding, and how. A blank add probes the form its area code is stored under once the run
 * knows it, and stops after a miss on that form — also when another row learnt it while this probe ran: should the
 * chat be under the other form after all, `chat_add` answers `fetched` with `corrigido para` and nothing visible is
 * sent. An add that sends something probes both forms first. Without a journal number, the form is re-picked when
 * the request leaves the queue (chat-target.ts).
 */
function probe(
  draft: ContactDraft,
  ctx: ContactContext,
  prior: RowState | undefined,
): { numbers: string[]; options: ProbeOptions } {
  const blank = !prior?.number && sendsNothingVisible(draft);
  const stored = ctx.forms?.storedForm(draft);
  return {
    numbers: blank && stored ? [stored] : candidates(prior?.number, draft, ctx.forms),
    options: {
      stopAfterMiss: (missed) => blank && ctx.forms?.storedForm(draft) === missed,
      preferLearnt: !prior?.number,
    },
  };
}
