import type { PlanReport } from "../engine/shared/sync-report.js";
import type { PlannedRow } from "../engine/shared/sync-report.js";
import { roughDuration as roughDurationText } from "../messages/duration.js";
import { ENGLISH, type Speaker } from "../messages/translate.js";

/** `45 s`, `2 min`, `1 h 05 min` in the person's language (messages/duration.ts rounds it). */
export function roughDuration(seconds: number, sp: Speaker = ENGLISH): string {
  return sp.say(roughDurationText(seconds));
}

const quote = (text: string, max = 60) => JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

function previewLine(row: PlannedRow, sp: Speaker): string {
  const fields = Object.entries(row.fields).map(([name, value]) => `${name}=${quote(value)}`);
  const parts = [
    `${row.number} ${quote(row.name)}`,
    fields.length > 0 ? fields.join(", ") : sp.t("plan.noCustomField"),
    ...(row.note !== undefined ? [sp.t("plan.note", { note: quote(row.note) })] : []),
    ...(row.dialog_id ? [`dialog_id ${row.dialog_id}`] : []),
    ...(row.user_id ? [`user_id ${row.user_id}`] : []),
  ];
  return `    ${sp.t("plan.previewRow", { row: row.row, status: sp.t("plan.status", { status: row.status }), parts })}`;
}

/** The dry run's plan for the summary: counts, what the real run will cost, and its first rows as they will be sent. */
export function planLines(plan: PlanReport, sp: Speaker = ENGLISH): string[] {
  const lines = [`  ${sp.t("plan.counts", plan)}`];
  const { estimate, preview } = plan;
  if (estimate && estimate.requests === 0) {
    lines.push(`  ${sp.t("plan.nothingToSend")}`);
  } else if (estimate) {
    const time =
      estimate.seconds !== undefined && estimate.rate !== undefined
        ? sp.t("plan.time", { duration: roughDuration(estimate.seconds, sp), rate: estimate.rate })
        : sp.t("plan.noRateCap");
    lines.push(`  ${sp.t("plan.cost", { requests: estimate.requests, time, concurrency: estimate.concurrency })}`);
  }
  if (preview && preview.length > 0) {
    lines.push(`  ${sp.t("plan.previewHead", { n: preview.length })}:`);
    for (const row of preview) lines.push(previewLine(row, sp));
  }
  return lines;
}
