/** How the fake account stores and matches WhatsApp numbers (SPEC §2 "The 9th digit"). */

/** What chat_add accepts as chat_number: digits only, country code included. */
export const CHAT_NUMBER = /^\d{10,15}$/;

/** 13-digit Brazilian mobile ↔ 12-digit form without the 9th digit (SPEC §2 "The 9th digit"). */
export function otherBrazilianForm(number: string): string | undefined {
  if (/^55\d{2}9\d{8}$/.test(number)) return number.slice(0, 4) + number.slice(5);
  if (/^55\d{2}[6-9]\d{7}$/.test(number)) return `${number.slice(0, 4)}9${number.slice(4)}`;
  return undefined;
}

/** Some area codes keep the 12-digit form WhatsApp registered (SPEC §2 "The 9th digit"). */
export function storageForm(number: string, twelveDigitAreaCodes: readonly string[]): string {
  const match = /^55(\d{2})9\d{8}$/.exec(number);
  if (match && twelveDigitAreaCodes.includes(match[1]!)) return otherBrazilianForm(number)!;
  return number;
}

/** The suffix ChatGuru appends to a chat_add_status description when it stored another form than was sent. */
export function correctedSuffix(given: string, stored: string): string {
  return given === stored ? "" : ` Número corrigido para ${stored}`;
}
