import type { ContactDraft } from "../../mapping/contact.js";

/** 13-digit Brazilian mobile: 55 + area code + 9 + 8 digits. */
const THIRTEEN = /^55(\d{2})9\d{8}$/;
/** The same mobile as WhatsApp often registered it, without the 9th digit. */
const TWELVE = /^55(\d{2})[6-9]\d{7}$/;

interface Votes {
  thirteen: number;
  twelve: number;
}

/**
 * The field rule, as a prior worth this many chats: area codes 11–28 (São Paulo, Rio, Espírito Santo) kept the
 * 13-digit form when the 9th digit came, the rest of the country was mostly registered without it. Two chats found the
 * other way turn an area code round; the small share left to the other form says that old registrations exist in every
 * area code (a miss on the first form is then worth a second look while the run finds few new rows).
 */
const PRIOR = { rule: 1.8, other: 0.2 };
/** The first area code whose mobiles the field rule expects in the 12-digit form. */
const FIRST_TWELVE_AREA = 31;

/**
 * Which 9th-digit form this account stores, learnt per area code (DDD) from the numbers that worked: an update that
 * found the chat, a `done`/`fetched` add and its `corrigido para` (ChatGuru often keeps the 12-digit form
 * WhatsApp registered, area by area). Starts from the field rule; shared by every row of a run; plain counters, so
 * concurrent rows (one event loop) cannot corrupt it.
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
    const votes = this.of(area);
    if (thirteen) votes.thirteen += 1;
    else votes.twelve += 1;
  }

  /** The form most chats of this area code are stored under (the field rule until answers say otherwise). */
  storedForm(draft: ContactDraft): string | undefined {
    const { canonical, alternate } = draft.phone;
    const area = areaOf(canonical);
    if (!alternate || area === undefined) return undefined;
    const votes = this.of(area);
    const thirteenForm = canonical.length === 13 ? canonical : alternate;
    const twelveForm = thirteenForm === canonical ? alternate : canonical;
    return votes.thirteen >= votes.twelve ? thirteenForm : twelveForm;
  }

  /** The share of this area code's chats found under the other form than `storedForm` (0 without a second form). */
  otherShare(draft: ContactDraft): number {
    const area = areaOf(draft.phone.canonical);
    if (!draft.phone.alternate || area === undefined) return 0;
    const { thirteen, twelve } = this.of(area);
    return Math.min(thirteen, twelve) / (thirteen + twelve);
  }

  /** The row's two forms, the stored one first. */
  ordered(draft: ContactDraft): string[] {
    const { canonical, alternate } = draft.phone;
    if (!alternate) return [canonical];
    return this.storedForm(draft) === alternate ? [alternate, canonical] : [canonical, alternate];
  }

  private of(area: string): Votes {
    let votes = this.votes.get(area);
    if (!votes) {
      const twelveFirst = Number(area) >= FIRST_TWELVE_AREA;
      votes = twelveFirst
        ? { thirteen: PRIOR.other, twelve: PRIOR.rule }
        : { thirteen: PRIOR.rule, twelve: PRIOR.other };
      this.votes.set(area, votes);
    }
    return votes;
  }
}

/** The area code of a Brazilian number of 12 or 13 digits. */
function areaOf(number: string): string | undefined {
  return /^55(\d{2})\d{8,9}$/.exec(number)?.[1];
}

/** Journal entries read at the start of a run to seed the forms (enough to learn every area code, cheap on 1M keys). */
const SEED_LIMIT = 5_000;

/** The forms the journal's known numbers were found under (numbers that worked on earlier runs count too). */
export function formsFromJournal(entries: Iterable<{ number?: string }>): NumberForms {
  const forms = new NumberForms();
  let seen = 0;
  for (const entry of entries) {
    if (entry.number) forms.observe(entry.number);
    if (++seen >= SEED_LIMIT) break;
  }
  return forms;
}
