import type { ChatGuruClient } from "../chatguru/types.js";
import type { ContactDraft } from "../mapping/contact.js";
import type { NumberForms } from "./number-forms.js";
import { isRowFailure, RowFailure } from "./row-failure.js";
import type { EngineCallOptions } from "./scheduled-client.js";

type Request = (client: ChatGuruClient, number: string) => Promise<unknown>;

/** How a row's first request looks for its chat among the number's forms. */
export interface ProbeOptions {
  /** Ends the probe after a miss on this number: the caller adds next, and chat_add finds the other form. */
  stopAfterMiss?: (missed: string) => boolean;
  /**
   * Re-order the forms when the request gets its queue slot rather than when the row started: under a rate cap a
   * row waits there for seconds while other rows learn which form its area code is stored under. Not for a number
   * the journal or an add's answer proved (those are tried as given).
   */
  preferLearnt?: boolean;
}

/**
 * Runs `request` on each candidate number until one is not "Chat não encontrado." (SPEC §2, the 9th digit: ChatGuru
 * often stores a mobile under the 12-digit form WhatsApp registered). Returns the number that worked.
 */
export async function onFirstExistingNumber(
  numbers: string[],
  request: (number: string) => Promise<unknown>,
): Promise<string> {
  const tried: string[] = [];
  for (const number of numbers) {
    try {
      await request(number);
      return number;
    } catch (error) {
      tried.push(number);
      if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND") || tried.length === numbers.length)
        throw chatNotFound(tried, error);
    }
  }
  throw new RowFailure("CHATGURU_CHAT_NOT_FOUND", "no number to try");
}

/** The last miss, said with every number tried (any other error passes through as is). */
function chatNotFound(tried: string[], error: unknown): unknown {
  if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND")) return error;
  return new RowFailure(
    "CHATGURU_CHAT_NOT_FOUND",
    `no chat for ${tried.join(" or ")} (${error.message})`,
    error.action,
  );
}

/** One row's updates in progress: the first request finds the number, every later one reuses it. */
export class ChatTarget {
  number: string | undefined;
  client: ChatGuruClient;
  constructor(
    private readonly numbers: string[],
    first: ChatGuruClient,
    private readonly follow: ChatGuruClient,
    private readonly forms?: NumberForms,
    private readonly draft?: ContactDraft,
    private readonly probe: ProbeOptions = {},
  ) {
    this.client = first;
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

  private async find(request: Request): Promise<string> {
    const remaining = [...this.numbers];
    const tried: string[] = [];
    for (;;) {
      const planned = remaining[0]!;
      let sent = planned;
      const client = this.probe.preferLearnt
        ? withLateNumber(this.client, planned, () => (sent = this.preferred(remaining, planned)))
        : this.client;
      try {
        await request(client, planned);
        return sent;
      } catch (error) {
        tried.push(sent);
        remaining.splice(remaining.indexOf(sent), 1);
        const stop = remaining.length === 0 || this.probe.stopAfterMiss?.(sent) === true;
        if (!isRowFailure(error, "CHATGURU_CHAT_NOT_FOUND") || stop) throw chatNotFound(tried, error);
      }
    }
  }

  /** The form the area code turned out to be stored under, when it is still to be tried; else the planned one. */
  private preferred(remaining: string[], planned: string): string {
    const stored = this.draft ? this.forms?.storedForm(this.draft) : undefined;
    return stored !== undefined && remaining.includes(stored) ? stored : planned;
  }
}

/** The client, with `chat_number` chosen inside the queue slot (scheduled-client.ts `lateParams`). */
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
