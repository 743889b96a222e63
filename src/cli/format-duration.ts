/**
 * A remaining time for the progress bar: `42s`, `5m07s`, `2h05m`. Rounded to whole seconds BEFORE splitting, so
 * 359.6 s is `6m00s`, never cli-progress's `5m60s`. Unknown or endless → `…`.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "…";
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (total < 3600) return `${Math.floor(total / 60)}m${pad(total % 60)}s`;
  const minutes = Math.round(total / 60);
  return `${Math.floor(minutes / 60)}h${pad(minutes % 60)}m`;
}

/** Seconds left at the average rate so far; undefined until there is a rate to go by. */
export function remainingSeconds(done: number, total: number, elapsedSeconds: number): number | undefined {
  if (done <= 0 || elapsedSeconds <= 0 || total <= done) return done >= total && done > 0 ? 0 : undefined;
  return ((total - done) * elapsedSeconds) / done;
}
