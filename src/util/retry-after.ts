/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). Returns milliseconds (never negative), or
 * undefined when the header is absent or unreadable so the caller falls back to its own backoff. `capMs` bounds the
 * answer so a hostile or broken header cannot park a run for hours; callers that cap later (the engine's retry
 * policy) leave it open.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
  capMs: number = Number.POSITIVE_INFINITY,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    // Only an HTTP-date (has a weekday/month name or GMT): `Date.parse` alone accepts junk such as "-1" (year -1).
    if (!/[a-z]{3}/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(capMs, Math.max(0, Math.round(ms)));
}
