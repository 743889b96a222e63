import type { PlanReport } from "../engine/report.js";
import type { PlannedRow } from "../engine/plan-estimate.js";

/** `45 s`, `2 min`, `1 h 05 min`: how long a person should expect to wait, not a stopwatch. */
export function roughDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

const quote = (text: string, max = 60) => JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

function previewLine(row: PlannedRow): string {
  const fields = Object.entries(row.fields).map(([name, value]) => `${name}=${quote(value)}`);
  const parts = [
    `${row.number} ${quote(row.name)}`,
    fields.length > 0 ? fields.join(", ") : "no custom field",
    ...(row.note !== undefined ? [`note ${quote(row.note)}`] : []),
    ...(row.dialog_id ? [`dialog_id ${row.dialog_id}`] : []),
    ...(row.user_id ? [`user_id ${row.user_id}`] : []),
  ];
  return `    row ${row.row} (${row.status}): ${parts.join(" · ")}`;
}

/** The dry run's plan for the summary: counts, what the real run will cost, and its first rows as they will be sent. */
export function planLines(plan: PlanReport): string[] {
  const lines = [
    `  plan: ${plan.new} new (update or create), ${plan.changed} changed → update, ${plan.retry} to retry, ${plan.unchanged} unchanged`,
  ];
  const { estimate, preview } = plan;
  if (estimate && estimate.requests === 0) {
    lines.push("  cost: nothing to send (every row is unchanged, invalid or a duplicate)");
  } else if (estimate) {
    const time =
      estimate.seconds !== undefined && estimate.rate !== undefined
        ? `≈ ${roughDuration(estimate.seconds)} at --rate ${estimate.rate}`
        : "no --rate cap, so the time depends on how fast ChatGuru answers";
    lines.push(
      `  cost: about ${estimate.requests} request${estimate.requests === 1 ? "" : "s"}, ${time} (--concurrency ${estimate.concurrency}; new chats also wait 1–30 s for ChatGuru to add them)`,
    );
  }
  if (preview && preview.length > 0) {
    lines.push(
      `  ${preview.length === 1 ? "the one row to send, as it will be sent" : `first ${preview.length} rows as they will be sent`}:`,
    );
    for (const row of preview) lines.push(previewLine(row));
  }
  return lines;
}
