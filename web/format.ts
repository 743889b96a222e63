// Numbers, plurals, durations and dates as a person in Brazil reads them ("5.000 linhas", "cerca de 2 min").
// Pure: no DOM, so unit tests run it in Node.

const numberFormat = new Intl.NumberFormat("pt-BR");
const decimalFormat = new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 1 });

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatDecimal(n: number): string {
  return decimalFormat.format(n);
}

/**
 * "nenhuma linha" / "1 linha" / "5.000 linhas". Intl.PluralRules("pt-BR") calls 0 "one", which would read "0 linha",
 * so zero has its own words.
 */
export function plural(n: number, one: string, many: string, zero?: string): string {
  if (n === 0 && zero !== undefined) return zero;
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** A rough duration for an estimate: "menos de 1 min", "cerca de 2 min", "cerca de 1 h 20 min". */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 60) return seconds < 10 ? "alguns segundos" : `cerca de ${Math.round(seconds / 5) * 5} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `cerca de ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `cerca de ${hours} h` : `cerca de ${hours} h ${rest} min`;
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

const dateFormat = new Intl.DateTimeFormat("pt-BR", { dateStyle: "short" });
const timeFormat = new Intl.DateTimeFormat("pt-BR", { timeStyle: "short" });

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
