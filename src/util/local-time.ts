const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, "0");

/**
 * ISO 8601 in the process's local time with its offset (`2026-11-29T06:36:49-03:00`): what a person in São Paulo
 * expects to read in a results file, and still an exact instant for any tool (the `synced_at` column). Uses the process
 * TZ, so a server in UTC writes `+00:00` unless TZ is set.
 */
export function localIsoTime(ms: number): string {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}T${time}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** A stored timestamp (an older journal wrote UTC `…Z`) shown in local time; text that is not a time is kept. */
export function toLocalIsoTime(stamp: string): string {
  if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(stamp)) return stamp;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? stamp : localIsoTime(ms);
}

/** `…T12:48:05Z` or `…T12:48:05.671Z` (what toISOString writes): its local form depends only on the first 19 chars. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/;
const MEMO_LIMIT = 4096;

/**
 * toLocalIsoTime remembered per second, for one run: an unchanged 100 000-row re-run shows every row's synced_at, and
 * a run stamps thousands of rows within the same second. A memo per run, never per process, so a TZ set
 * between runs (tests do) is always honoured.
 */
export function localIsoTimeMemo(): (stamp: string) => string {
  const seen = new Map<string, string>();
  let lastStamp = "";
  let lastLocal = "";
  return (stamp) => {
    // Rows written in one group commit share their stamp: the common case is the previous row's.
    if (stamp === lastStamp) return lastLocal;
    if (!ISO_UTC.test(stamp)) return toLocalIsoTime(stamp);
    const second = stamp.slice(0, 19);
    let local = seen.get(second);
    if (local === undefined) {
      if (seen.size >= MEMO_LIMIT) seen.clear();
      seen.set(second, (local = toLocalIsoTime(stamp)));
    }
    lastStamp = stamp;
    lastLocal = local;
    return local;
  };
}
