import type { SyncEvent } from "../engine/events.js";
import { printable } from "../util/printable.js";

type MessagesEvent = Extract<SyncEvent, { type: "messages-plan" | "messages-sent" }>;

/** The summary lines about messages (SPEC §4.2): a dry run shows what would go out, the first three in full. */
export function messageLines(event: MessagesEvent): string[] {
  if (event.type === "messages-plan") {
    const { wouldSend, overCap, samples } = event.plan;
    const lines = [
      `messages: ${wouldSend} would be sent${overCap > 0 ? ` (${overCap} more wait for a later run: --max-messages)` : ""}` +
        (wouldSend > 0 ? "; the first ones in full:" : "."),
    ];
    const { mayBeHeld, late } = event.plan;
    if (mayBeHeld > 0) {
      lines.splice(
        1,
        0,
        `  (${mayBeHeld} of them may have been sent by an earlier run whose journal is gone: a real run holds those ` +
          "whose chat already exists in ChatGuru until you check them and release them with --release-held)",
      );
    }
    if (late > 0) {
      lines.push(
        `  ${late} message(s) will not be sent: their send date is in the past (the rest of those rows still goes).`,
      );
    }
    for (const m of samples) {
      const when = m.sendDate ? ` at ${m.sendDate} (Brasília)` : "";
      lines.push(`  row ${m.rowNumber} → ${m.chatNumber} ${m.kind}${when}:`);
      // In full (SPEC §4.2), line by line; control characters still escaped so a cell cannot drive the terminal.
      for (const part of m.text.split(/\r?\n/)) lines.push(`    ${printable(part, 4096)}`);
    }
    return lines;
  }
  const parts = [`${event.sent} sent`];
  if (event.uncertain > 0) {
    parts.push(
      `${event.uncertain} of them uncertain (ChatGuru's answer was lost; never sent again: check those rows' chats in ChatGuru)`,
    );
  }
  if (event.deferred > 0) parts.push(`${event.deferred} wait for the next run (--max-messages ${event.maxMessages})`);
  if (event.heldRows > 0) parts.push(`${event.heldRows} row(s) held: check them, then re-run with --release-held`);
  // This run's uncertain sends are counted above; rows still waiting from earlier runs are counted here too.
  if (event.uncertainRows > 0) parts.push(`${event.uncertainRows} row(s) with a send of unknown outcome`);
  return [
    `messages: ${parts.join(", ")}.`,
    ...listed(event.held, event.heldRows, (r) => `held: ${r.what.join(" and ") || "dialog/message"}`, "--release-held"),
    ...listed(event.uncertainListed, event.uncertainRows, (r) => `uncertain: ${r.what.join(" and ")}`, "--resolve"),
  ];
}

type Listed = Extract<MessagesEvent, { type: "messages-sent" }>["held"][number];

/**
 * The rows a person has to look at, by spreadsheet row and number (the results and errors files have them all), and
 * the command for them: held rows are released with --release-held ROWS; uncertain ones are settled with --resolve
 * ROWS when the message is in the chat, or sent again with --release-held ROWS when it is not.
 */
function listed(rows: Listed[], total: number, what: (row: Listed) => string, flag: string): string[] {
  if (rows.length === 0) return [];
  const lines = rows.map((row) => `  row ${row.rowNumber} → ${row.number}: ${what(row)}`);
  if (total > rows.length) lines.push(`  …and ${total - rows.length} more (the errors file lists every one)`);
  const numbers = rows.map((row) => row.rowNumber).join(",");
  lines.push(
    flag === "--release-held"
      ? `  check those chats in ChatGuru, then send what is not there: --release-held ${numbers} (or --release-held for all)`
      : `  check those chats in ChatGuru: if the message is there, --resolve ${numbers}; if not, --release-held ${numbers}`,
  );
  return lines;
}
