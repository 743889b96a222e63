import type { FormatSection, FormatToken } from "./xlsx-format-code.js";
import { DECIMAL_SEPARATOR } from "./xlsx-number-format.js";

const MONTHS_PT = [
  "janeiro",
  "fevereiro",
  "março",
  "abril",
  "maio",
  "junho",
  "julho",
  "agosto",
  "setembro",
  "outubro",
  "novembro",
  "dezembro",
];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS_PT = ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"];
const DAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 in Excel's 1900 date system; the 1904 system (old Mac workbooks) starts 1462 days later. */
const UNIX_EPOCH_SERIAL = 25_569;
const DATE1904_OFFSET = 1_462;

/** A date serial (days since 1899-12-30, with the time as the fraction) as a UTC Date, the way exceljs reads one. */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE1904_OFFSET : 0)) * MS_PER_DAY));
}

export function dateToSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `m`/`mm` is minutes right after an hour code or right before a seconds code, otherwise month (Excel's own rule). */
function isMinute(tokens: FormatToken[], index: number): boolean {
  const codes = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < tokens.length; i += step) {
      const t = tokens[i]!;
      if (t.t === "date" || t.t === "elapsed") return t.v[0];
    }
    return undefined;
  };
  return codes(index - 1, -1) === "h" || codes(index + 1, 1) === "s";
}

function fractionDigits(tokens: FormatToken[], index: number): number {
  let digits = 0;
  if (tokens[index]?.t !== "dot") return 0;
  for (let i = index + 1; tokens[i]?.t === "ph"; i++) digits++;
  return digits;
}

interface DateShape {
  hasAmPm: boolean;
  /** Rounding unit in ms: Excel rounds to the shown precision, whole seconds unless the code shows `ss.000`. */
  unit: number;
  /** Per token: an `m` run that means minutes. */
  minutes: boolean[];
}
const shapes = new WeakMap<FormatSection, DateShape>();

/** Worked out once per section: a column of 100 000 dates shares one format. */
function shapeOf(section: FormatSection): DateShape {
  let shape = shapes.get(section);
  if (!shape) {
    const { tokens } = section;
    const shownFraction = Math.max(0, ...tokens.map((_, i) => fractionDigits(tokens, i)));
    shape = {
      hasAmPm: tokens.some((t) => t.t === "ampm"),
      unit: 1000 / 10 ** Math.min(shownFraction, 3),
      minutes: tokens.map((t, i) => t.t === "date" && t.v[0] === "m" && isMinute(tokens, i)),
    };
    shapes.set(section, shape);
  }
  return shape;
}

/**
 * A date/time cell through a date section (`dd/mm/yyyy`, `d-mmm-yy`, `hh:mm`, `[h]:mm:ss`, `dddd, d "de" mmmm`),
 * with Portuguese month and weekday names unless the code asks for English (`[$-409]`).
 */
export function formatDate(date: Date, section: FormatSection): string {
  const { tokens } = section;
  const { hasAmPm, unit, minutes } = shapeOf(section);
  const months = section.english ? MONTHS_EN : MONTHS_PT;
  const days = section.english ? DAYS_EN : DAYS_PT;
  const ms = Math.round(date.getTime() / unit) * unit;
  const d = new Date(ms);
  const serial = dateToSerial(d);
  const hour = d.getUTCHours();
  let text = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.t === "lit") text += token.v;
    else if (token.t === "ampm") text += hour < 12 ? token.am : token.pm;
    else if (token.t === "elapsed") {
      const total = token.v[0] === "h" ? serial * 24 : token.v[0] === "m" ? serial * 1440 : serial * 86400;
      text += pad(Math.floor(total + 1e-9), token.v.length);
    } else if (token.t === "dot" && fractionDigits(tokens, i) > 0) {
      const n = fractionDigits(tokens, i);
      text += DECIMAL_SEPARATOR + pad(d.getUTCMilliseconds(), 3).slice(0, n);
      i += n;
    } else if (token.t === "dot") text += ".";
    else if (token.t === "comma") text += ",";
    else if (token.t === "ph") text += token.v;
    else if (token.t === "date") text += dateCode(token.v, d, minutes[i]!, hasAmPm, months, days);
  }
  return text;
}

function dateCode(code: string, d: Date, minute: boolean, twelveHour: boolean, months: string[], days: string[]) {
  const n = code.length;
  switch (code[0]) {
    case "y":
      return n <= 2 ? pad(d.getUTCFullYear() % 100) : String(d.getUTCFullYear());
    case "d":
      if (n <= 2) return pad(d.getUTCDate(), n);
      return n === 3 ? days[d.getUTCDay()]!.slice(0, 3) : days[d.getUTCDay()]!;
    case "m":
      if (minute) return pad(d.getUTCMinutes(), Math.min(n, 2));
      if (n <= 2) return pad(d.getUTCMonth() + 1, n);
      if (n === 3) return months[d.getUTCMonth()]!.slice(0, 3);
      return n === 4 ? months[d.getUTCMonth()]! : months[d.getUTCMonth()]![0]!;
    case "h": {
      const h = d.getUTCHours();
      return pad(twelveHour ? h % 12 || 12 : h, Math.min(n, 2));
    }
    case "s":
      return pad(d.getUTCSeconds(), Math.min(n, 2));
    default:
      return code;
  }
}
