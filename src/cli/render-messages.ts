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
    if (event.plan.heldOnNewJournal && wouldSend > 0) {
      lines.splice(
        1,
        0,
        "  (no journal yet: a real run holds the ones for chats that already exist in ChatGuru — they may have been " +
          "sent before — until you re-run with --release-held)",
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
  return [`messages: ${parts.join(", ")}.`];
}
