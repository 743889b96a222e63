import type { ChatGuruClient } from "../../chatguru/types.js";
import type { ContactDraft } from "../../mapping/contact.js";
import type { NumberForms } from "../learning/number-forms.js";
import { isRowFailure, RowFailure } from "../shared/row-failure.js";
import type { EngineCallOptions } from "../transport/scheduled-client.js";
import { text } from "../../messages/text.js";

type Request = (client: ChatGuruClient, number: string) => Promise<unknown>;

/**
 * The remembered number first (it may be a `corrigido para` number), then the canonical and the 9th-digit alternate
 * — the form this account stores for the area code first once the run has learnt it.
 */
export function candidates(remembered: string | undefined, draft: ContactDraft, forms?: NumberForms): string[] {
  const both = forms ? forms.ordered(draft) : [draft.phone.canonical, draft.phone.alternate];
  const list = [remembered, ...both].filter((n): n is string => Boolean(n));
  return [...new Set(list)];
}

/** How a row's first request looks for its chat among the number's forms. */
export interface ProbeOptions {
  /**
   * Ends the probe after a miss on this number (when it resolves true): the caller adds next, and chat_add finds a
   * chat under the other form anyway (`fetched`, `corrigido para`).
   */
  stopAfterMiss?: (missed: string) => boolean | Promise<boolean>;
  /** The first number tried answered: the chat was there (true) or not under it (false). */
  onFirstAnswer?: (found: boolean) => void;
  /**
   * Re-order the forms when the request gets its queue slot rather than when the row started: under a rate cap a
   * row waits there for seconds while other rows learn which form its area code is stored under. Not for a number
   * the journal or an add's answer proved (those are tried as given).
   */
  preferLearnt?: boolean;
}

/**
 * Runs `request` on each candidate number until one is not "Chat não encontrado.": ChatGuru often stores a mobile
 * under the 12-digit form WhatsApp registered, without the 9th digit. Returns the number that worked.
 */
export function onFirstExistingNumber(
  numbers: string[],
  request: (number: string) => Promise<unknown>,
): Promise<string> {
  return firstExisting(numbers, async (planned) => {
    await request(planned);
    return planned;
  });
}

/**
 * The search itself: `attempt` tries the first of `remaining` — or, when it picks another of them late, reports that
 * one through `sent` — and resolves with the number that worked. Any error but a miss passes through as is.
 */
async function firstExisting(
  numbers: readonly string[],
  attempt: (planned: string, remaining: readonly string[], sent: (number: string) => void) => Promise<string>,
  probe: ProbeOptions = {},
): Promise<string> {
  const remaining = [...numbers];
  const tried: string[] = [];
  for (;;) {
    let sent = remaining[0]!;
    try {
      const found = await attempt(sent, remaining, (number) => (sent = number));
      if (tried.length === 0) probe.onFirstAnswer?.(true);
      return found;
    } catch (error) {
      const miss = isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND");
      if (miss && tried.length === 0) probe.onFirstAnswer?.(false);
      tried.push(sent);
      remaining.splice(remaining.indexOf(sent), 1);
      if (!miss || remaining.length === 0) throw chatNotFound(tried, error);
      if ((await probe.stopAfterMiss?.(sent)) === true) throw chatNotFound(tried, error);
    }
  }
}

/** The last miss, said with every number tried (any other error passes through as is). */
function chatNotFound(tried: string[], error: unknown): unknown {
  if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) return error;
  return new RowFailure(
    "CHATGURU_CHAT_NOT_FOUND",
    text("row.noChatFor", { numbers: tried, error: error.text }),
    error.action,
  );
}

/** The clients a row's updates go through, and what tells which number form to try first. */
export interface TargetParts {
  /** The first request's client (it may be queued behind rows that have not started). */
  first: ChatGuruClient;
  /** Every later request's, the second number form's too. */
  follow: ChatGuruClient;
  forms?: NumberForms | undefined;
  draft?: ContactDraft;
}

/** One row's updates in progress: the first request finds the number, every later one reuses it. */
export class ChatTarget {
  number: string | undefined;
  client: ChatGuruClient;
  private readonly follow: ChatGuruClient;
  private readonly forms: NumberForms | undefined;
  private readonly draft: ContactDraft | undefined;

  constructor(
    private readonly numbers: string[],
    parts: TargetParts,
    private readonly probe: ProbeOptions = {},
  ) {
    this.client = parts.first;
    this.follow = parts.follow;
    this.forms = parts.forms;
    this.draft = parts.draft;
  }

  async send(request: Request): Promise<void> {
    if (this.number !== undefined) {
      await request(this.client, this.number);
      return;
    }
    // Journaled with the next write (note, dialog or the outcome), not on its own: one line per row, not two.
    this.number = await this.find(request);
    this.forms?.observe(this.number, this.draft);
    this.client = this.follow;
  }

  private find(request: Request): Promise<string> {
    const late = this.probe.preferLearnt === true;
    let client = this.client;
    return firstExisting(
      this.numbers,
      async (planned, remaining, sent) => {
        let number = planned;
        const pick = () => {
          number = this.preferred(remaining, planned);
          sent(number);
          return number;
        };
        const sending = request(late ? withLateNumber(client, planned, pick) : client, planned);
        // A second form is tried as the row's follow-up, not queued behind rows that have not started: its answer
        // also tells the rows still waiting which form the area code is stored under.
        client = this.follow;
        await sending;
        return number;
      },
      this.probe,
    );
  }

  /** The form the area code turned out to be stored under, when it is still to be tried; else the planned one. */
  private preferred(remaining: readonly string[], planned: string): string {
    const stored = this.draft ? this.forms?.storedForm(this.draft) : undefined;
    return stored !== undefined && remaining.includes(stored) ? stored : planned;
  }
}

/** The client, with `chat_number` chosen inside the queue slot (transport/scheduled-client.ts `lateParams`). */
function withLateNumber(client: ChatGuruClient, planned: string, pick: () => string): ChatGuruClient {
  return {
    call: (action, params, options) => {
      if (params.chat_number !== planned) return client.call(action, params, options);
      const late: EngineCallOptions = { ...options, lateParams: (p) => ({ ...p, chat_number: pick() }) };
      return client.call(action, params, late);
    },
    close: () => client.close(),
  };
}
