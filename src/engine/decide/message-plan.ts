import type { RowState } from "../../state/state-store.js";
import type { RowDecision } from "./decide-row.js";
import type { RowSelection } from "../shared/row-selection.js";
import type { MessagePlanSummary, PlannedMessage } from "../shared/sync-report.js";
import { textHash } from "./values-hash.js";

/**
 * `--dry-run` with messages: how many would go out and the first three in full, judged from the journal
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

  /** `evidence`: the row carries write-back of an earlier run the journal has no record of (follow-ups/hold-evidence.ts). */
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
