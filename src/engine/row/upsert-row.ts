import type { RowState } from "../../state/state-store.js";
import { createChat } from "../add/chat-add.js";
import { addsBlank } from "../decide/add-shape.js";
import { applyUpdates } from "../follow-ups/chat-updates.js";
import { succeed } from "../follow-ups/succeed.js";
import { candidates, type ProbeOptions } from "../job/chat-target.js";
import type { RowJob } from "../job/row-job.js";
import type { ContactResult } from "../job/row-result.js";
import type { UpsertChoice, UpsertStrategy } from "../learning/upsert-strategy.js";
import { isRowFailure } from "../shared/row-failure.js";

/**
 * Upsert of a row the journal has no pending or uncertain add for, in the order the run's strategy picks
 * (learning/upsert-strategy.ts): update first and create when the chat was not found, or add first and let
 * `chat_add` answer `fetched` for a chat that existed.
 */
export async function upsertRow(job: RowJob, strategy: UpsertStrategy): Promise<ContactResult> {
  const { draft } = job;
  const prior = job.entry;
  const choice = await strategy.choose(draft, prior);
  try {
    if (choice.order === "add-first") {
      return await createChat(job, { reAdds: 0, onAnswer: choice.observe });
    }
    try {
      const numbers = candidates(prior?.number, draft, job.learners.forms);
      const number = await applyUpdates(job, numbers, job.services.first, {
        ...probe(job, prior, choice),
        preferLearnt: !prior?.number,
      });
      choice.observe(false);
      return await succeed(job, "updated", number);
    } catch (error) {
      if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) throw error;
    }
    // Not found under the forms probed: a new chat, or (when the probe stopped after one form) possibly one under the
    // other form, which chat_add answers `fetched` — the answer tells the strategy which.
    return await createChat(job, { reAdds: 0, onAnswer: choice.observe });
  } finally {
    choice.release();
  }
}

/**
 * How a row that updates first looks for its chat. Its first answer feeds the run's share of new rows at once. A row
 * the journal knows a number for, or whose add would send visible text, tries every form before adding. Otherwise a
 * miss on the form its area code is stored under is followed by the other form only while that is likely to find the
 * chat (learning/second-probe.ts) — else the row adds, and `chat_add` finds a chat under the other form anyway
 * (`fetched`, `corrigido para`) without sending anything.
 */
function probe(
  job: RowJob,
  prior: RowState | undefined,
  choice: UpsertChoice,
): Pick<ProbeOptions, "stopAfterMiss" | "onFirstAnswer"> {
  const answers = { onFirstAnswer: (found: boolean) => choice.firstProbe(found) };
  const forms = job.learners.forms;
  if (prior?.number || !addsBlank(job.draft) || !forms) return answers;
  return {
    ...answers,
    // A miss on the minority form (the area code turned round while the row waited) is followed by the usual one.
    stopAfterMiss: async (missed) =>
      missed === forms.storedForm(job.draft) && !(await choice.probeOther(forms.otherShare(job.draft))),
  };
}
