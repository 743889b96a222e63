// Numbers, sizes, elapsed times and dates in the pages' language ("5.000", "3 min 05 s", "29/11/2026 06:36"). Words
// and plurals are the catalog's (say.ts). Pure: no DOM, so unit tests run it in Node.
import { PAGE_LANGUAGE } from "./say.js";

const numberFormat = new Intl.NumberFormat(PAGE_LANGUAGE);
const decimalFormat = new Intl.NumberFormat(PAGE_LANGUAGE, { maximumFractionDigits: 1 });

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatDecimal(n: number): string {
  return decimalFormat.format(n);
}

/** An exact elapsed time: "42 s", "3 min 05 s", "1 h 02 min". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, "0")} s`;
  return `${s} s`;
}

const dateFormat = new Intl.DateTimeFormat(PAGE_LANGUAGE, { dateStyle: "short" });
const timeFormat = new Intl.DateTimeFormat(PAGE_LANGUAGE, { timeStyle: "short" });

/** "29/11/2026 06:36" in the browser's time zone; an unreadable date is shown as it came. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

/** "12 MB", "850 KB" — for the upload limit and progress. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${formatDecimal(bytes / (1024 * 1024 * 1024))} GB`;
  if (bytes >= 1024 * 1024) return `${formatDecimal(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
