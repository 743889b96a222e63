import type { RowState } from "../state/state-store.js";
import type { RowDecision } from "./decide-row.js";
import { textHash } from "./values-hash.js";

/** One message a dry run shows in full. */
export interface PlannedMessage {
  rowNumber: number;
  chatNumber: string;
  kind: "message" | "file";
  /** The text, or the file url (and caption). */
  text: string;
  sendDate?: string;
}

export interface MessagePlanSummary {
  /** Messages and files a real run would send now (at most --max-messages). */
  wouldSend: number;
  /** Those left for a later run by --max-messages. */
  overCap: number;
  /** The first three, rendered in full. */
  samples: PlannedMessage[];
  /** The journal is new and --release-held was not given: a real run holds these for chats that already exist. */
  heldOnNewJournal?: boolean;
}

/**
 * `--dry-run` with messages (SPEC §4.2): how many would go out and the first three in full, judged from the journal
 * the same way a real run does (a text or url already journaled for the key is never sent again). A dry run cannot
 * know which chats already exist, so rows a real run would hold (new journal) are counted as going out.
 */
export class MessagePlan {
  readonly #max: number;
  #count = 0;
  readonly #samples: PlannedMessage[] = [];

  constructor(max: number) {
    this.#max = max;
  }

  add(decision: RowDecision, priorOf: (key: string) => RowState | undefined): void {
    if (decision.kind !== "plan" || decision.planned === "unchanged") return;
    const { draft } = decision;
    const prior = priorOf(draft.key);
    const chatNumber = prior?.number ?? draft.phone.canonical;
    if (draft.message && draft.message.text.trim() !== "" && prior?.messageHash !== textHash(draft.message.text)) {
      this.#take({
        rowNumber: draft.rowNumber,
        chatNumber,
        kind: "message",
        text: draft.message.text,
        ...(draft.message.sendDate ? { sendDate: draft.message.sendDate } : {}),
      });
    }
    if (draft.file && draft.file.url.trim() !== "" && prior?.fileHash !== textHash(draft.file.url)) {
      const text = draft.file.caption ? `${draft.file.url} (${draft.file.caption})` : draft.file.url;
      this.#take({ rowNumber: draft.rowNumber, chatNumber, kind: "file", text });
    }
  }

  #take(message: PlannedMessage): void {
    this.#count += 1;
    if (this.#samples.length < 3) this.#samples.push(message);
  }

  summary(): MessagePlanSummary {
    const wouldSend = Math.min(this.#count, this.#max);
    return { wouldSend, overCap: this.#count - wouldSend, samples: [...this.#samples] };
  }
}
