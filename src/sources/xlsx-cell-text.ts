import { parseFormatCode, sectionFor } from "./xlsx-format-code.js";
import { dateToSerial, formatDate, serialToDate } from "./xlsx-date-format.js";
import { formatGeneral, formatWithSection } from "./xlsx-number-format.js";

/** What a plain date shows when its cell carries no date format (a Brazilian Excel's short date). */
const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";

/**
 * A number as its cell shows it. exceljs already turned cells with a date format into Dates; a formula's cached
 * result stays a number even under a date format, so dates are recognised here from the format code too.
 */
export function formatNumber(value: number, numFmt: string | undefined, date1904: boolean): string {
  if (!Number.isFinite(value)) return "";
  if (!numFmt || /^general$/i.test(numFmt) || numFmt === "@") return formatGeneral(value);
  const { section, signed } = sectionFor(parseFormatCode(numFmt), value);
  if (section.unsupported) return formatGeneral(value);
  if (section.isDate) return formatDate(serialToDate(value, date1904), section);
  const shows = section.tokens.some((t) => t.t === "ph" || t.t === "general" || t.t === "lit");
  if (!shows) return formatGeneral(value);
  return formatWithSection(value, section, signed);
}

export function formatDateCell(date: Date, numFmt: string | undefined): string {
  const sections = parseFormatCode(numFmt && !/^general$/i.test(numFmt) ? numFmt : DEFAULT_DATE_FORMAT);
  const section = sections[0]!;
  // exceljs calls some codes dates that Excel does not (a stray letter): show those as the number they hold.
  if (!section.isDate || section.unsupported) return formatNumber(dateToSerial(date), numFmt, false);
  return formatDate(date, section);
}

interface RichTextRun {
  text?: unknown;
}

/**
 * The text a person sees in a cell, from an exceljs streaming-reader cell value: formulas show their cached result,
 * rich text its plain characters, a hyperlink its text, booleans TRUE/FALSE, errors their code (`#N/A`), empty ''.
 */
export function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value, numFmt, date1904);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : formatDateCell(value, numFmt);
  if (typeof value !== "object") return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as RichTextRun[]).map((run) => String(run.text ?? "")).join("");
  // A formula: its cached result (a shared-formula clone arrives as {formula: '', result}). No cached value = ''.
  if ("formula" in v || "sharedFormula" in v || "result" in v) return cellText(v.result, numFmt, date1904);
  if ("text" in v) return cellText(v.text, numFmt, date1904);
  if (typeof v.error === "string") return v.error;
  return "";
}
