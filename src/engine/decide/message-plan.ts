import type { RowState } from "../../state/state-store.js";
import type { RowDecision } from "./decide-row.js";
import type { RowSelection } from "../shared/row-selection.js";
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
  /**
   * Of `wouldSend`, those for rows with evidence that an earlier run may have sent them and its journal is gone
   * (held-actions.ts): a real run holds the ones whose chat already exists. Every one when the journal was lost.
   */
  mayBeHeld: number;
  /** The messages and files that will not go: their send date is in the past (the rest of the row still goes). */
  late: number;
}

/**
 * `--dry-run` with messages (SPEC §4.2): how many would go out and the first three in full, judged from the journal
 * the same way a real run does (a text or url already journaled for the key is never sent again). A dry run cannot
 * know which chats already exist, so the ones a real run would hold if the chat exists are counted apart.
 */
export class MessagePlan {
  readonly #max: number;
  readonly #lostJournal: boolean;
  readonly #release: RowSelection;
  #count = 0;
  #mayBeHeld = 0;
  #late = 0;
  readonly #samples: PlannedMessage[] = [];

  constructor(max: number, holds: { lostJournal: boolean; release: RowSelection }) {
    this.#max = max;
    this.#lostJournal = holds.lostJournal;
    this.#release = holds.release;
  }

  /** `evidence`: the row carries write-back of an earlier run the journal has no record of (hold-evidence.ts). */
  add(decision: RowDecision, priorOf: (key: string) => RowState | undefined, evidence = false): void {
    if (decision.kind !== "plan" || decision.planned === "unchanged") return;
    const { draft } = decision;
    const prior = priorOf(draft.key);
    const chatNumber = prior?.number ?? draft.phone.canonical;
    const before = this.#count;
    if (draft.message && draft.message.text.trim() !== "" && prior?.messageHash !== textHash(draft.message.text)) {
      if (draft.message.late !== undefined) this.#late += 1;
      else
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
    const held = prior?.held ?? (evidence || this.#lostJournal);
    if (held && prior?.addStatus !== "done" && !this.#release.covers(draft.rowNumber))
      this.#mayBeHeld += this.#count - before;
  }

  #take(message: PlannedMessage): void {
    this.#count += 1;
    if (this.#samples.length < 3) this.#samples.push(message);
  }

  summary(): MessagePlanSummary {
    const wouldSend = Math.min(this.#count, this.#max);
    return {
      wouldSend,
      overCap: this.#count - wouldSend,
      samples: [...this.#samples],
      mayBeHeld: Math.min(this.#mayBeHeld, wouldSend),
      late: this.#late,
    };
  }
}
