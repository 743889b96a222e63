import type { ContactDraft } from "../mapping/contact.js";

/** 13-digit Brazilian mobile: 55 + area code + 9 + 8 digits. */
const THIRTEEN = /^55(\d{2})9\d{8}$/;
/** The same mobile as WhatsApp often registered it, without the 9th digit (SPEC §2 "The 9th digit"). */
const TWELVE = /^55(\d{2})[6-9]\d{7}$/;

interface Votes {
  thirteen: number;
  twelve: number;
}

/**
 * Which 9th-digit form this account stores, learnt per area code (DDD) from the numbers that worked: an update that
 * found the chat, a `done`/`fetched` add and its `corrigido para` (SPEC §2: ChatGuru often keeps the 12-digit form
 * WhatsApp registered, area by area). Shared by every row of a run; plain counters, so concurrent rows (one event
 * loop) cannot corrupt it.
 */
export class NumberForms {
  private readonly votes = new Map<string, Votes>();

  /**
   * A number ChatGuru answered for (the chat is stored exactly under it). With the row's draft, its two forms tell
   * which one it is (whatever digit follows the 9); without (the journal), only the usual mobile shapes count.
   */
  observe(number: string, draft?: ContactDraft): void {
    if (draft && !draft.phone.alternate) return;
    const area = draft ? areaOf(draft.phone.canonical) : (THIRTEEN.exec(number) ?? TWELVE.exec(number))?.[1];
    if (area === undefined) return;
    const thirteen = draft ? number.length === 13 && number[4] === "9" : THIRTEEN.test(number);
    const votes = this.votes.get(area) ?? { thirteen: 0, twelve: 0 };
    if (thirteen) votes.thirteen += 1;
    else votes.twelve += 1;
    this.votes.set(area, votes);
  }

  /** The form most chats of this area code were found under, or undefined while nothing is known. */
  storedForm(draft: ContactDraft): string | undefined {
    const { canonical, alternate } = draft.phone;
    if (!alternate) return undefined;
    const area = areaOf(canonical);
    const votes = area === undefined ? undefined : this.votes.get(area);
    if (!votes || votes.thirteen === votes.twelve) return undefined;
    const thirteenForm = canonical.length === 13 ? canonical : alternate;
    const twelveForm = thirteenForm === canonical ? alternate : canonical;
    return votes.thirteen > votes.twelve ? thirteenForm : twelveForm;
  }

  /** The row's two forms, the learnt one first (canonical first while the area code is unknown). */
  ordered(draft: ContactDraft): string[] {
    const { canonical, alternate } = draft.phone;
    if (!alternate) return [canonical];
    return this.storedForm(draft) === alternate ? [alternate, canonical] : [canonical, alternate];
  }
}

/** The area code of a Brazilian number of 12 or 13 digits. */
function areaOf(number: string): string | undefined {
  return /^55(\d{2})\d{8,9}$/.exec(number)?.[1];
}

/** Journal entries read at the start of a run to seed the forms (enough to learn every area code, cheap on 1M keys). */
const SEED_LIMIT = 5_000;

/** The forms the journal's known numbers were found under (SPEC §5: learnt from the journal too). */
export function formsFromJournal(entries: Iterable<{ number?: string }>): NumberForms {
  const forms = new NumberForms();
  let seen = 0;
  for (const entry of entries) {
    if (entry.number) forms.observe(entry.number);
    if (++seen >= SEED_LIMIT) break;
  }
  return forms;
}
