/** How the fake account stores and matches WhatsApp numbers (the 9th digit: see docs/request-strategy.md). */

/** What chat_add accepts as chat_number: digits only, country code included. */
export const CHAT_NUMBER = /^\d{10,15}$/;

/** 13-digit Brazilian mobile ↔ 12-digit form without the 9th digit. */
export function otherBrazilianForm(number: string): string | undefined {
  if (/^55\d{2}9\d{8}$/.test(number)) return number.slice(0, 4) + number.slice(5);
  if (/^55\d{2}[6-9]\d{7}$/.test(number)) return `${number.slice(0, 4)}9${number.slice(4)}`;
  return undefined;
}

/** Which 13-digit mobiles the fake account holds in the 12-digit form. */
export interface StorageRule {
  /** Area codes whose mobiles are all stored without the 9th digit. */
  twelveDigitAreaCodes: readonly string[];
  /** Share of the other area codes' mobiles stored without it too (old registrations), 0–1. */
  twelveDigitShare: number;
  /** Picks which numbers make up that share (the same seed, the same numbers). */
  seed: number;
}

/**
 * The form ChatGuru keeps a 13-digit mobile under: whole area codes keep the 12-digit form WhatsApp registered before
 * the 9th digit came, and elsewhere some numbers do too — a nationwide customer base has old registrations in every
 * area code. Which numbers is fixed by a hash of the number and the seed, so a number is always stored the same way.
 */
export function storageForm(number: string, rule: StorageRule): string {
  const match = /^55(\d{2})9\d{8}$/.exec(number);
  if (!match) return number;
  const twelve =
    rule.twelveDigitAreaCodes.includes(match[1]!) || unitHash(`${rule.seed}:${number}`) < rule.twelveDigitShare;
  return twelve ? otherBrazilianForm(number)! : number;
}

/** FNV-1a over the text, mixed by murmur3's finaliser (numbers differing in one digit land far apart), in [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 4294967296;
}

/** Area codes as written in options: `"47"` or a range `"31-99"` (both ends included). */
export function expandAreaCodes(entries: readonly string[]): string[] | undefined {
  const codes: string[] = [];
  for (const entry of entries) {
    const range = /^(\d{2})(?:\s*-\s*(\d{2}))?$/.exec(entry.trim());
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (to < from) return undefined;
    for (let code = from; code <= to; code++) codes.push(String(code));
  }
  return [...new Set(codes)];
}

/** The suffix ChatGuru appends to a chat_add_status description when it stored another form than was sent. */
export function correctedSuffix(given: string, stored: string): string {
  return given === stored ? "" : ` Número corrigido para ${stored}`;
}
