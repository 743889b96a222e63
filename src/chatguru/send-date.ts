import { ChatGuruParamError } from "./errors.js";
import { text } from "../messages/text.js";

/**
 * ChatGuru's send_date format: `YYYY-MM-DD HH:MM`, read in Brasília time. Shared with the mock (which schedules by
 * it) so client and mock cannot drift apart. Groups: year, month, day, hour, minute.
 */
export const SEND_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

const brasilia = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/Sao_Paulo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** ChatGuru reads send_date as `YYYY-MM-DD HH:MM` in Brasília time, whatever the caller's time zone. */
export function toSendDate(value: Date | string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new ChatGuruParamError({
        action: "message_send",
        param: "send_date",
        message: text("chatguru.param.sendDateInvalid"),
      });
    }
    const parts = Object.fromEntries(brasilia.formatToParts(value).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  }
  const match = SEND_DATE_PATTERN.exec(value);
  const [, y, mo, d, h, mi] = match ? match.map(Number) : [];
  const valid =
    match !== null && mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= daysInMonth(y!, mo!) && h! <= 23 && mi! <= 59;
  if (!valid) {
    throw new ChatGuruParamError({
      action: "message_send",
      param: "send_date",
      message: text("chatguru.param.sendDateFormat", { value }),
    });
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
