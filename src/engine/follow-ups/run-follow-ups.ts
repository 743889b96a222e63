import { sendFile, sendMessage, updateChatContext, updateChatName } from "../../chatguru/actions.js";
import type { ChatGuruClient } from "../../chatguru/types.js";
import { isInterruptedError, isRunAbortedError } from "../../errors.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { RowStatePatch } from "../../state/state-store.js";
import type { ContactContext } from "../job/row-context.js";
import { heldParts, heldText, holdApplies, holdIfNeeded } from "./hold-rule.js";
import { candidates } from "./chat-updates.js";
import { onFirstExistingNumber } from "../job/chat-target.js";
import { isRowFailure } from "../shared/row-failure.js";
import type { EngineCallOptions } from "../transport/scheduled-client.js";
import { textHash } from "../decide/values-hash.js";
import type { Text } from "../../core/text.js";
import { text } from "../../messages/text.js";

/** The row maps something the follow-up steps send (so a row with only a message still runs in update mode). */
export function hasFollowUps(draft: ContactDraft, ctx: ContactContext): boolean {
  return (
    draft.message !== undefined ||
    draft.file !== undefined ||
    draft.context !== undefined ||
    (ctx.followUps?.updateName === true && draft.name.trim() !== "")
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

/** The first request finds the chat's number (9th-digit forms, SPEC §2); every later one reuses it. */
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
export async function runFollowUps(
  draft: ContactDraft,
  ctx: ContactContext,
  number: string,
  created: boolean,
): Promise<FollowUpResult> {
  const target = new Target(candidates(number, draft, ctx.forms), ctx.follow);
  await nameStep(draft, ctx, target, created);
  await contextStep(draft, ctx, target);
  let deferred: Deferral | undefined;
  let late: Text | undefined;
  for (const kind of ["message", "file"] as const) {
    const outcome = await sendOnce(kind, draft, ctx, target);
    if (outcome === "capped") deferred ??= { code: "MESSAGE_CAPPED", message: cappedText(ctx) };
    if (outcome === "late" && draft.message?.late !== undefined)
      late = draft.message.lateText ?? text("raw", { text: draft.message.late });
  }
  // A dialog held in applyUpdates leaves the same mark: the row is not finished either.
  const held = await heldDeferral(draft, ctx);
  return {
    number: target.number,
    ...((held ?? deferred) ? { deferred: held ?? deferred } : {}),
    ...(late ? { late } : {}),
  };
}

/** The row is held while its journal says so and something is still unsent; with nothing left, the mark is settled. */
async function heldDeferral(draft: ContactDraft, ctx: ContactContext): Promise<Deferral | undefined> {
  const state = ctx.state.get(draft.key);
  if (state?.held !== true || !ctx.followUps) return undefined;
  const parts = heldParts(draft, state);
  if (parts.length > 0 && holdApplies(state, ctx.followUps)) {
    return { code: "MESSAGE_HELD", message: heldText(draft.rowNumber, parts), parts };
  }
  // Sent, or a chat this journal created: the journal knows the row now.
  await ctx.state.update(draft.key, { held: false });
  return undefined;
}

function cappedText(ctx: ContactContext): Text {
  return text("row.capped", { max: ctx.followUps?.budget.max ?? 0 });
}

async function nameStep(draft: ContactDraft, ctx: ContactContext, target: Target, created: boolean): Promise<void> {
  if (!ctx.followUps?.updateName || draft.name.trim() === "") return;
  const nameHash = textHash(draft.name);
  const prior = ctx.state.get(draft.key);
  if (prior?.nameHash === nameHash) return;
  // chat_add just sent this very name; an existing chat keeps the name it has until the mapped name is sent once.
  if (!(created && prior?.nameHash === undefined)) {
    await target.send((client, n) => updateChatName(client, n, draft.name));
  }
  await ctx.state.update(draft.key, { nameHash, phone: draft.phone.canonical });
}

async function contextStep(draft: ContactDraft, ctx: ContactContext, target: Target): Promise<void> {
  const vars = draft.context;
  if (!vars) return;
  const contextHash = textHash(
    JSON.stringify(
      Object.keys(vars)
        .sort()
        .map((name) => [name, vars[name]]),
    ),
  );
  if (ctx.state.get(draft.key)?.contextHash === contextHash) return;
  await target.send((client, n) => updateChatContext(client, n, vars));
  await ctx.state.update(draft.key, { contextHash, phone: draft.phone.canonical });
}

type SendOutcome = "none" | "sent" | "held" | "capped" | "uncertain" | "late";

const FIELDS = {
  message: { hash: "messageHash", id: "messageId", status: "messageStatus", action: "message_send" },
  file: { hash: "fileHash", id: "fileId", status: "fileStatus", action: "message_file_send" },
} as const;

/**
 * SPEC §4.2: at most once per (contact key, rendered text or url). The hash is journaled BEFORE the request, so a
 * crash or a lost answer can lose a message but never send it twice; only an answer proving nothing was sent (a
 * refusal, a request that never started) takes the mark back.
 */
async function sendOnce(
  kind: "message" | "file",
  draft: ContactDraft,
  ctx: ContactContext,
  target: Target,
): Promise<SendOutcome> {
  const material = kind === "message" ? draft.message?.text : draft.file?.url;
  if (material === undefined || material.trim() === "") return "none";
  const f = FIELDS[kind];
  const hash = textHash(material);
  const prior = ctx.state.get(draft.key);
  // Already sent (or uncertain: never twice): not judged again — its send date passing since is normal.
  if (prior?.[f.hash] === hash) return "none";
  if (kind === "message" && draft.message?.late !== undefined) return "late";
  if (await holdIfNeeded(draft, ctx)) return "held";
  const budget = ctx.followUps?.budget;
  if (budget && !budget.take()) return "capped";
  const mark: RowStatePatch = { [f.hash]: hash, [f.id]: null, [f.status]: "sending", phone: draft.phone.canonical };
  let marked = false;
  // Journaled inside the queue slot, right before the request leaves: durable before sending, yet a kill loses only
  // the sends really on the wire, not every one waiting in the queue.
  const beforeAttempt = async (): Promise<void> => {
    if (marked) return;
    await ctx.state.update(draft.key, mark);
    marked = true;
  };
  try {
    const answer = await target.send((client, n) => request(kind, draft, client, n, { beforeAttempt }));
    await ctx.state.update(draft.key, {
      [f.id]: answer.messageId ?? null,
      // A file answer may carry no status (the document shows none): ChatGuru accepted it, that is all we know.
      [f.status]: answer.status ?? "accepted",
      number: target.number,
    });
    return "sent";
  } catch (error) {
    if (isRowFailure(error, "OUTCOME_UNKNOWN")) {
      if (budget) budget.uncertain += 1;
      await ctx.state.update(draft.key, { [f.status]: "uncertain" });
      return "uncertain";
    }
    if (provesNotSent(error, ctx)) {
      budget?.giveBack();
      if (marked)
        await ctx.state.update(draft.key, {
          [f.hash]: prior?.[f.hash] ?? null,
          [f.id]: prior?.[f.id] ?? null,
          [f.status]: prior?.[f.status] ?? null,
        });
    }
    throw error;
  }
}

function request(
  kind: "message" | "file",
  draft: ContactDraft,
  client: ChatGuruClient,
  chatNumber: string,
  options: EngineCallOptions,
): Promise<{ messageId: string | undefined; status: string | undefined }> {
  if (kind === "file") {
    const file = draft.file!;
    const input = { chatNumber, fileUrl: file.url, ...(file.caption ? { caption: file.caption } : {}) };
    return sendFile(client, input, options);
  }
  const message = draft.message!;
  const input = { chatNumber, text: message.text, ...(message.sendDate ? { sendDate: message.sendDate } : {}) };
  return sendMessage(client, input, options);
}

/** Same rule as the dialog's (contact-updates.ts atMostOnce): a refusal or a request that never started. */
function provesNotSent(error: unknown, ctx: ContactContext): boolean {
  return (
    isRowFailure(error) ||
    isRunAbortedError(error) ||
    isInterruptedError(error) ||
    (ctx.signal?.aborted === true && error === ctx.signal.reason)
  );
}
