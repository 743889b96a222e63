import { sendFile, sendMessage, updateChatContext, updateChatName } from "../../chatguru/actions.js";
import type { ChatGuruClient } from "../../chatguru/types.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowStatePatch } from "../../state/state-store.js";
import type { Text } from "../../core/text.js";
import { text } from "../../messages/text.js";
import { textHash } from "../decide/values-hash.js";
import { candidates, onFirstExistingNumber } from "../job/chat-target.js";
import type { FollowUpSettings } from "../job/row-context.js";
import type { RowJob } from "../job/row-job.js";
import { isRowFailure } from "../shared/row-failure.js";
import type { EngineCallOptions } from "../transport/scheduled-client.js";
import { provesNotSent } from "./dialog.js";
import { heldParts, heldText, holdApplies, holdIfNeeded } from "./hold-rule.js";

/** The row maps something the follow-up steps send (so a row with only a message still runs in update mode). */
export function hasFollowUps(draft: ContactDraft, followUps: FollowUpSettings | undefined): boolean {
  return (
    draft.message !== undefined ||
    draft.file !== undefined ||
    draft.context !== undefined ||
    (followUps?.updateName === true && draft.name.trim() !== "")
  );
}

/** Why the row is not finished although the chat exists: it ends `pending` and the next run (or status) goes on. */
export type Deferral = { code: "MESSAGE_HELD" | "MESSAGE_CAPPED"; message: Text; parts?: string[] };

export interface FollowUpResult {
  /** The number the follow-ups reached (the chat's number may only be proven here, by the first of them). */
  number: string;
  deferred?: Deferral;
  /** The message was not sent because its send date is in the past (the row fails ROW_SEND_DATE_PAST). */
  late?: Text;
}

/** The first request finds the chat's number (its 9th-digit forms, job/chat-target.ts); every later one reuses it. */
class Target {
  #number: string | undefined;
  constructor(
    private readonly numbers: string[],
    private readonly client: ChatGuruClient,
  ) {}

  get number(): string {
    return this.#number ?? this.numbers[0]!;
  }

  async send<T>(request: (client: ChatGuruClient, number: string) => Promise<T>): Promise<T> {
    if (this.#number !== undefined) return await request(this.client, this.#number);
    let answer: T | undefined;
    this.#number = await onFirstExistingNumber(this.numbers, async (n) => {
      answer = await request(this.client, n);
    });
    return answer as T;
  }
}

/**
 * After the chat exists (every mode, every path: runs from `succeed`): name and context (experimental, idempotent,
 * journaled after the answer), then the message and the file (at most once, journaled BEFORE sending).
 * `created` = chat_add made this chat just now with the mapped name, so the name needs no update.
 */
export async function runFollowUps(job: RowJob, number: string, created: boolean): Promise<FollowUpResult> {
  const { draft } = job;
  const target = new Target(candidates(number, draft, job.learners.forms), job.services.follow);
  await nameStep(job, target, created);
  await contextStep(job, target);
  let deferred: Deferral | undefined;
  let late: Text | undefined;
  for (const kind of ["message", "file"] as const) {
    const outcome = await sendOnce(kind, job, target);
    if (outcome === "capped") deferred ??= { code: "MESSAGE_CAPPED", message: cappedText(job) };
    if (outcome === "late" && draft.message?.late !== undefined)
      late = draft.message.lateText ?? text("raw", { text: draft.message.late });
  }
  // A dialog held in applyUpdates leaves the same mark: the row is not finished either.
  const held = await heldDeferral(job);
  return {
    number: target.number,
    ...((held ?? deferred) ? { deferred: held ?? deferred } : {}),
    ...(late ? { late } : {}),
  };
}

/** The row is held while its journal says so and something is still unsent; with nothing left, the mark is settled. */
async function heldDeferral(job: RowJob): Promise<Deferral | undefined> {
  const state = job.entry;
  if (state?.held !== true || !job.followUps) return undefined;
  const parts = heldParts(job.draft, state);
  if (parts.length > 0 && holdApplies(state, job.followUps)) {
    return { code: "MESSAGE_HELD", message: heldText(job.draft.rowNumber, parts), parts };
  }
  // Sent, or a chat this journal created: the journal knows the row now.
  await job.journal({ held: false });
  return undefined;
}

function cappedText(job: RowJob): Text {
  return text("row.capped", { max: job.followUps?.budget.max ?? 0 });
}

async function nameStep(job: RowJob, target: Target, created: boolean): Promise<void> {
  const { draft } = job;
  if (!job.followUps?.updateName || draft.name.trim() === "") return;
  const nameHash = textHash(draft.name);
  const prior = job.entry;
  if (prior?.nameHash === nameHash) return;
  // chat_add just sent this very name; an existing chat keeps the name it has until the mapped name is sent once.
  if (!(created && prior?.nameHash === undefined)) {
    await target.send((client, n) => updateChatName(client, n, draft.name));
  }
  await job.journal({ nameHash, phone: draft.phone.canonical });
}

async function contextStep(job: RowJob, target: Target): Promise<void> {
  const { draft } = job;
  const vars = draft.context;
  if (!vars) return;
  const contextHash = textHash(
    JSON.stringify(
      Object.keys(vars)
        .sort()
        .map((name) => [name, vars[name]]),
    ),
  );
  if (job.entry?.contextHash === contextHash) return;
  await target.send((client, n) => updateChatContext(client, n, vars));
  await job.journal({ contextHash, phone: draft.phone.canonical });
}

type SendOutcome = "none" | "sent" | "held" | "capped" | "uncertain" | "late";

const FIELDS = {
  message: { hash: "messageHash", id: "messageId", status: "messageStatus", action: "message_send" },
  file: { hash: "fileHash", id: "fileId", status: "fileStatus", action: "message_file_send" },
} as const;

/**
 * At most once per (contact key, rendered text or url), see docs/at-most-once.md. The hash is journaled BEFORE the
 * request, so a crash or a lost answer can lose a message but never send it twice; only an answer proving nothing was
 * sent (a refusal, a request that never started) takes the mark back.
 */
async function sendOnce(kind: "message" | "file", job: RowJob, target: Target): Promise<SendOutcome> {
  const { draft } = job;
  const material = kind === "message" ? draft.message?.text : draft.file?.url;
  if (material === undefined || material.trim() === "") return "none";
  const f = FIELDS[kind];
  const hash = textHash(material);
  const prior = job.entry;
  // Already sent (or uncertain: never twice): not judged again — its send date passing since is normal.
  if (prior?.[f.hash] === hash) return "none";
  if (kind === "message" && draft.message?.late !== undefined) return "late";
  if (await holdIfNeeded(job)) return "held";
  const budget = job.followUps?.budget;
  if (budget && !budget.take()) return "capped";
  const mark: RowStatePatch = { [f.hash]: hash, [f.id]: null, [f.status]: "sending", phone: draft.phone.canonical };
  let marked = false;
  // Journaled inside the queue slot, right before the request leaves: durable before sending, yet a kill loses only
  // the sends really on the wire, not every one waiting in the queue.
  const beforeAttempt = async (): Promise<void> => {
    if (marked) return;
    await job.journal(mark);
    marked = true;
  };
  try {
    const answer = await target.send(requestFor(kind, draft, { beforeAttempt }));
    await job.journal({
      [f.id]: answer.messageId ?? null,
      // A file answer may carry no status (the document shows none): ChatGuru accepted it, that is all we know.
      [f.status]: answer.status ?? "accepted",
      number: target.number,
    });
    return "sent";
  } catch (error) {
    if (isRowFailure(error, "OUTCOME_UNKNOWN")) {
      if (budget) budget.uncertain += 1;
      await job.journal({ [f.status]: "uncertain" });
      return "uncertain";
    }
    if (provesNotSent(error, job)) {
      budget?.giveBack();
      if (marked)
        await job.journal({
          [f.hash]: prior?.[f.hash] ?? null,
          [f.id]: prior?.[f.id] ?? null,
          [f.status]: prior?.[f.status] ?? null,
        });
    }
    throw error;
  }
}

/** The request that sends the row's message or file to a chat number. */
function requestFor(
  kind: "message" | "file",
  draft: ContactDraft,
  options: EngineCallOptions,
): (
  client: ChatGuruClient,
  chatNumber: string,
) => Promise<{ messageId: string | undefined; status: string | undefined }> {
  return (client, chatNumber) => {
    if (kind === "file") {
      const file = draft.file!;
      const input = { chatNumber, fileUrl: file.url, ...(file.caption ? { caption: file.caption } : {}) };
      return sendFile(client, input, options);
    }
    const message = draft.message!;
    const input = { chatNumber, text: message.text, ...(message.sendDate ? { sendDate: message.sendDate } : {}) };
    return sendMessage(client, input, options);
  };
}
