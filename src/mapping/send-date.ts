import { toSendDate } from "../chatguru/send-date.js";
import type { Text } from "../core/text.js";
import { text as msg } from "../messages/text.js";
import { withMessage } from "../messages/translate.js";

/**
 * `message.send_date`: what people type in a sheet → ChatGuru's wire form `YYYY-MM-DD HH:MM`, Brasília
 * time (the API document: "send_date … horário de Brasília"). Brazil has had no daylight saving since 2019, so
 * Brasília is UTC−03:00 all year.
 */
const BRASILIA_OFFSET_MS = -3 * 60 * 60 * 1000;
/** A date without a time is sent at 09:00, the start of a business day, rather than at midnight. */
const DATE_ONLY_HOUR = 9;
/** Excel/Sheets serial day numbers between 1954 and 2119: an unformatted date cell. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export type SendDateResult =
  | { ok: true; wire: string }
  | { ok: false; code: "ROW_SEND_DATE_INVALID"; message: string; text: Text }
  /** A date in the past still has its wire form: a message already sent at that date is not judged again. */
  | { ok: false; code: "ROW_SEND_DATE_PAST"; message: string; text: Text; wire: string };

const BR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses a send date and checks it is in the future; `now` is injected so the mapper stays pure and testable. */
export function parseSendDate(raw: string, now: Date): SendDateResult {
  const text = raw.trim();
  const instant = brazilian(text) ?? iso(text) ?? serial(text);
  if (instant === undefined || Number.isNaN(instant)) {
    return withMessage(
      { ok: false as const, code: "ROW_SEND_DATE_INVALID" as const },
      msg("row.sendDateInvalid", { value: text }),
    );
  }
  const wire = wireForm(instant);
  if (instant < now.getTime()) {
    return withMessage(
      { ok: false as const, code: "ROW_SEND_DATE_PAST" as const, wire },
      msg("row.sendDatePast", { wire }),
    );
  }
  return { ok: true, wire };
}

/** Wall-clock fields in Brasília time → the instant (ms since epoch); NaN for an impossible date like 31/02. */
function brasiliaInstant(year: number, month: number, day: number, hour: number, minute: number): number {
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(utc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59) return NaN;
  return utc - BRASILIA_OFFSET_MS;
}

function brazilian(text: string): number | undefined {
  const m = BR_DATE.exec(text);
  if (!m) return undefined;
  const hasTime = m[4] !== undefined;
  return brasiliaInstant(+m[3]!, +m[2]!, +m[1]!, hasTime ? +m[4]! : DATE_ONLY_HOUR, hasTime ? +m[5]! : 0);
}

function iso(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const hasTime = m[4] !== undefined;
  const local = brasiliaInstant(+m[1]!, +m[2]!, +m[3]!, hasTime ? +m[4]! : DATE_ONLY_HOUR, hasTime ? +m[5]! : 0);
  if (m[7] === undefined || Number.isNaN(local)) return local;
  // An explicit offset: the wall time is in that zone, not in Brasília.
  const offset = m[7].toUpperCase() === "Z" ? 0 : offsetMs(m[7]);
  return local + BRASILIA_OFFSET_MS - offset;
}

function offsetMs(text: string): number {
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.replace(/[^\d]/g, "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

function serial(text: string): number | undefined {
  if (!/^\d{5}(?:\.\d+)?$/.test(text)) return undefined;
  const days = Number(text);
  if (days < SERIAL_MIN || days > SERIAL_MAX) return undefined;
  // A serial is a wall-clock date and time with no zone: read it as Brasília time, to the minute.
  const wallMs = EXCEL_EPOCH_MS + Math.round((days * DAY_MS) / 60_000) * 60_000;
  return wallMs - BRASILIA_OFFSET_MS;
}

/** The wire form ChatGuru reads, formatted by the client's own rule so mapping and client cannot disagree. */
function wireForm(instant: number): string {
  return toSendDate(new Date(instant));
}
