import type { SyncEvent } from "../engine/shared/events.js";
import { ENGLISH, type Speaker } from "../messages/translate.js";
import { printable } from "../util/printable.js";

type MessagesEvent = Extract<SyncEvent, { type: "messages-plan" | "messages-sent" }>;

/** The summary lines about messages: a dry run shows what would go out, the first three in full. */
export function messageLines(event: MessagesEvent, sp: Speaker = ENGLISH): string[] {
  if (event.type === "messages-plan") {
    const { wouldSend, overCap, samples, mayBeHeld, late } = event.plan;
    const lines = [sp.t("messages.plan", { wouldSend, overCap })];
    if (mayBeHeld > 0) lines.splice(1, 0, `  ${sp.t("messages.mayBeHeld", { n: mayBeHeld })}`);
    if (late > 0) lines.push(`  ${sp.t("messages.late", { n: late })}`);
    for (const m of samples) {
      const kind = sp.t(`messages.kind.${m.kind}`);
      lines.push(`  ${sp.t("messages.sample", { row: m.rowNumber, chat: m.chatNumber, kind, sendDate: m.sendDate })}`);
      // In full, line by line; control characters still escaped so a cell cannot drive the terminal.
      for (const part of m.text.split(/\r?\n/)) lines.push(`    ${printable(part, 4096)}`);
    }
    return lines;
  }
  return [
    sp.t("messages.sent", event),
    ...listed(event.held, event.heldRows, "held", sp),
    ...listed(event.uncertainListed, event.uncertainRows, "uncertain", sp),
  ];
}

type Listed = Extract<MessagesEvent, { type: "messages-sent" }>["held"][number];

/**
 * The rows a person has to look at, by spreadsheet row and number (the results and errors files have them all), and
 * the command for them: held rows are released with --release-held ROWS; uncertain ones are settled with --resolve
 * ROWS when the message is in the chat, or sent again with --release-held ROWS when it is not.
 */
function listed(rows: Listed[], total: number, kind: "held" | "uncertain", sp: Speaker): string[] {
  if (rows.length === 0) return [];
  const lines = rows.map(
    (row) => `  ${sp.t(`messages.listed.${kind}`, { row: row.rowNumber, number: row.number, what: row.what })}`,
  );
  if (total > rows.length) lines.push(`  ${sp.t("messages.listed.more", { n: total - rows.length })}`);
  const numbers = rows.map((row) => row.rowNumber).join(",");
  lines.push(`  ${sp.t(kind === "held" ? "messages.listed.releaseHeld" : "messages.listed.resolve", { numbers })}`);
  return lines;
}
