// The Revisão page's sentences built from the plan: its cost and time, a first row's heading, a ChatGuru action in
// words. Pure (no DOM): unit-tested in Node.
import type { Plan } from "./api-types.js";
import { aboutDuration, known, t } from "./say.js";

/** ChatGuru's action in words with its exact name beside it: `criar o chat (chat_add)`. */
export function actionName(action: string): string {
  const words = known("ui.action.", action);
  return words ? t("ui.action.named", { words, action }) : action;
}

/** `Linha 2 · Ana · 5511… · criar`: a first row's heading. */
export function planRowTitle(row: Plan["firstRows"][number]): string {
  const status = row.status ? (known("ui.planStatus.", row.status) ?? row.status) : undefined;
  return [t("ui.common.rowN", { row: row.row }), row.name, row.number, status].filter(Boolean).join(" · ");
}

/** `Cerca de 44 requisições ao ChatGuru · cerca de 1 min`: requests and, when the rate is capped, the time. */
export function costText(cost: Plan["cost"]): string {
  if (cost.requests === 0) return t("ui.review.costNone");
  const time = cost.seconds != null ? aboutDuration(cost.seconds) : t("ui.review.timeUncapped");
  return t("ui.review.cost", { requests: cost.requests, time });
}
