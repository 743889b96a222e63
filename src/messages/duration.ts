import { text, type Text } from "./text.js";

/**
 * `45 s`, `2 min`, `1 h 05 min`: how long a person should expect to wait, not a stopwatch. One rounding for the
 * CLI's plan and the web app's Revisão and Envio pages, so both say the same time for the same plan.
 */
export function roughDuration(seconds: number): Text {
  if (seconds < 90) return text("duration.seconds", { n: Math.max(1, Math.round(seconds)) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return text("duration.minutes", { n: minutes });
  return text("duration.hours", { h: Math.floor(minutes / 60), min: minutes % 60 });
}
