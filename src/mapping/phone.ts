import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from "libphonenumber-js/max";
import type { PhoneNumbers } from "./contact.js";
import type { Text } from "../core/text.js";
import { text as msg } from "../messages/text.js";
import { withMessage } from "../messages/translate.js";

export type { CountryCode };

/** Invalid: `message` in English, `text` the same as a catalog Text. */
export type PhoneResult = { ok: true; phone: PhoneNumbers } | { ok: false; message: string; text: Text };

/**
 * Brazilian area codes (DDD) in use. Numbers with any other two leading digits are not Brazilian phones, whatever
 * their length — this is what keeps the digit-only fast path as strict as libphonenumber.
 */
const BR_AREA_CODES = new Set(
  [
    "11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49",
    "51 53 54 55 61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89",
    "91 92 93 94 95 96 97 98 99",
  ]
    .join(" ")
    .split(" "),
);

const invalid = (raw: string, reason: Text): PhoneResult =>
  withMessage({ ok: false as const }, msg("row.phoneInvalid", { raw, reason }));

/**
 * Excel shows a long number in a "Geral" column as 5,51199E+12 and a CSV saved from it keeps only that text: the last
 * digits are gone, so it must not be read as a number (it would become 5511990000000, someone else's phone).
 */
const EXCEL_SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
const SCIENTIFIC_REASON = msg("row.phone.scientific");
const TOO_SHORT = msg("row.phone.tooShort");
const TOO_LONG = msg("row.phone.tooLong");
const NOT_VALID = msg("row.phone.notValid");

/**
 * A number cell that Excel (or pandas) wrote as a float: `5513979063394.0`. The `.0` is not part of the number (a
 * spreadsheet's float, not a digit); without this the dot would read as a separator and the zero as a 14th digit ("too long").
 */
const EXCEL_DECIMAL_ZERO = /^(\+?\d{8,})[.,]0+$/;

/**
 * Brazilian national number (area code + subscriber, no trunk 0) → canonical/alternate forms (the 9th digit: see docs/request-strategy.md).
 * Mobiles: 13-digit canonical with the 9, 12-digit alternate without it; pre-2016 8-digit mobiles (first digit 6–9)
 * get the 9 added, because ChatGuru may hold either form. Landlines (first digit 2–5): canonical only.
 */
function brazilian(raw: string, national: string): PhoneResult {
  if (national.length < 10) return invalid(raw, TOO_SHORT);
  if (national.length > 11) return invalid(raw, TOO_LONG);
  const area = national.slice(0, 2);
  if (!BR_AREA_CODES.has(area)) return invalid(raw, msg("row.phone.unknownArea", { area }));
  const subscriber = national.slice(2);
  const first = subscriber.charCodeAt(0) - 48;
  if (subscriber.length === 9) {
    if (first !== 9) return invalid(raw, msg("row.phone.nineDigits"));
    return { ok: true, phone: { canonical: `55${area}${subscriber}`, alternate: `55${area}${subscriber.slice(1)}` } };
  }
  if (first >= 6)
    return { ok: true, phone: { canonical: `55${area}9${subscriber}`, alternate: `55${area}${subscriber}` } };
  if (first >= 2) return { ok: true, phone: { canonical: `55${area}${subscriber}` } };
  return invalid(raw, NOT_VALID);
}

/**
 * Digits of a number written only with digits and the usual separators, or undefined when the text needs the full
 * parser (letters, extensions, odd symbols). `plus` tells whether it was written in international form.
 */
function cleanDigits(raw: string): { digits: string; plus: boolean } | undefined {
  let digits = "";
  let plus = false;
  let start = 0;
  while (start < raw.length && raw.charCodeAt(start) === 32) start++;
  // "0xx11 …" is the old written form of "dial 0, any carrier, area 11".
  if (
    raw[start] === "0" &&
    (raw[start + 1] === "x" || raw[start + 1] === "X") &&
    (raw[start + 2] === "x" || raw[start + 2] === "X")
  ) {
    digits = "0";
    start += 3;
  }
  for (let i = start; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += raw[i];
    else if (c === 43 /* + */ && digits.length === 0 && !plus) plus = true;
    else if (c !== 32 && c !== 45 /* - */ && c !== 40 && c !== 41 /* ( ) */ && c !== 46 /* . */ && c !== 160)
      return undefined;
  }
  return { digits, plus };
}

/**
 * Normalizes a phone as written in a spreadsheet to digits-only forms.
 * Runs on every row, so clean Brazilian numbers take a digit-counting fast path; everything else (other countries,
 * carrier-selection prefixes, odd punctuation) goes through libphonenumber-js with full metadata.
 * @param defaultCountry country assumed when the number has no `+` country code. @default "BR"
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = "BR"): PhoneResult {
  const trimmed = raw.trim();
  if (trimmed === "") return invalid(raw, msg("row.phone.empty"));
  const text = EXCEL_DECIMAL_ZERO.exec(trimmed)?.[1] ?? trimmed;
  const clean = cleanDigits(text);
  if (clean) {
    const { digits, plus } = clean;
    if (digits.length === 0) return invalid(raw, msg("row.phone.noDigits"));
    if (plus) {
      if (digits.startsWith("55")) return brazilian(raw, digits.slice(2));
    } else if (defaultCountry === "BR") {
      // National forms: "11 98765-4321"; with the trunk 0: "011 …"; with the country code but no "+": "55 11 …".
      const national = digits.charCodeAt(0) === 48 ? digits.slice(1) : digits;
      if (national.length === 10 || national.length === 11) return brazilian(raw, national);
      if ((national.length === 12 || national.length === 13) && national.startsWith("55") && national === digits) {
        return brazilian(raw, national.slice(2));
      }
      if (digits.length < 10) return invalid(raw, TOO_SHORT);
    }
  } else if (EXCEL_SCIENTIFIC.test(text)) {
    return invalid(raw, SCIENTIFIC_REASON);
  } else if (/\p{L}/u.test(text.replace(/^0\s*xx/i, ""))) {
    // libphonenumber reads vanity numbers ("1-800-FLOWERS"); a spreadsheet cell with letters is a typo, not a phone.
    return invalid(raw, msg("row.phone.letters"));
  }
  return parsed(raw, text.replace(/^0\s*xx/i, "0"), defaultCountry);
}

function parsed(raw: string, text: string, defaultCountry: CountryCode): PhoneResult {
  const number = parsePhoneNumberFromString(text, defaultCountry);
  if (!number) {
    const length = validatePhoneNumberLength(text, defaultCountry);
    return invalid(raw, length === "TOO_SHORT" ? TOO_SHORT : length === "TOO_LONG" ? TOO_LONG : NOT_VALID);
  }
  if (number.countryCallingCode === "55") return brazilian(raw, number.nationalNumber);
  if (!number.isValid()) {
    const length = validatePhoneNumberLength(text, defaultCountry);
    return invalid(raw, length === "TOO_SHORT" ? TOO_SHORT : length === "TOO_LONG" ? TOO_LONG : NOT_VALID);
  }
  return { ok: true, phone: { canonical: `${number.countryCallingCode}${number.nationalNumber}` } };
}
