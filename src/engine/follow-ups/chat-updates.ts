import { addNote, updateCustomFields } from "../../chatguru/actions.js";
import type { ChatGuruClient } from "../../chatguru/types.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowStatePatch } from "../../state/state-store.js";
import { textHash } from "../decide/values-hash.js";
import { ChatTarget, type ProbeOptions } from "../job/chat-target.js";
import type { RowJob } from "../job/row-job.js";
import { runDialogOnce } from "./dialog.js";
import { holdIfNeeded } from "./hold-rule.js";

/** The row maps something to send besides the add itself. */
export function hasUpdates(draft: ContactDraft): boolean {
  return Object.keys(draft.fields).length > 0 || draft.note !== undefined || draft.dialogId !== undefined;
}

/**
 * Custom fields, then note, then dialog, on the first number that exists. Note and dialog are journaled per text
 * hash so a re-run after a later step failed does not add the same note twice. Returns the number used.
 * `probe` says how the first request looks among `numbers` (job/chat-target.ts).
 */
export async function applyUpdates(
  job: RowJob,
  numbers: string[],
  firstClient: ChatGuruClient,
  probe: ProbeOptions = {},
): Promise<string> {
  const { draft } = job;
  const prior = job.entry;
  const parts = { first: firstClient, follow: job.services.follow, forms: job.learners.forms, draft };
  const target = new ChatTarget(numbers, parts, probe);
  if (Object.keys(draft.fields).length > 0) {
    await target.send((client, n) => updateCustomFields(client, n, draft.fields));
    // ChatGuru knows these fields: rows that send only these need not wait for an add to finish (config-gate.ts).
    job.learners.configGate?.fieldsAccepted(Object.keys(draft.fields));
  }
  // Keyed by the note's own text (not the row's values): editing another cell must not add the same note again.
  const noteHash = draft.note !== undefined ? textHash(draft.note) : undefined;
  if (noteHash !== undefined && prior?.noteHash !== noteHash) {
    // A note is internal to the team: adding it again beats losing it, so it is journaled after ChatGuru's answer.
    await afterAnswer(job, target, { noteHash }, (client, n) => addNote(client, n, draft.note!));
  }
  const dialogHash = draft.dialogId !== undefined ? textHash(draft.dialogId) : undefined;
  // A dialog an earlier run may have run, whose journal is gone, is held (hold-rule.ts), never run a second time.
  if (dialogHash !== undefined && prior?.dialogHash !== dialogHash && !(await holdIfNeeded(job))) {
    const unmark = { dialogHash: prior?.dialogHash ?? null, dialogStatus: prior?.dialogStatus ?? null };
    // `sending` until the answer: one left behind by a kill makes the row say its dialog is uncertain.
    const mark = { dialogHash, dialogStatus: "sending" as const };
    await runDialogOnce(job, target, { mark, unmark }, draft.dialogId!);
  }
  return target.number ?? numbers[0]!;
}

type Request = (client: ChatGuruClient, number: string) => Promise<unknown>;

/**
 * A note is at-least-once (transport/retry-policy.ts AT_LEAST_ONCE_ACTIONS): a lost answer is retried by the
 * scheduled client, and the note is journaled only once ChatGuru answered. A note that still got no answer fails the
 * row without being journaled, so the next run adds it (a crash in between may add it twice; it is never lost).
 */
async function afterAnswer(job: RowJob, target: ChatTarget, mark: RowStatePatch, request: Request): Promise<void> {
  await target.send(request);
  await job.journal({ ...mark, phone: job.draft.phone.canonical });
}
