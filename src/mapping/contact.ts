import type { RowProblem } from "../core/row-problem.js";
import type { Text } from "../core/text.js";

export interface PhoneNumbers {
  /** Digits only. For Brazilian mobiles the 13-digit form (with the 9th digit). */
  canonical: string;
  /** Digits only. For Brazilian mobiles the 12-digit form (without the 9th digit). */
  alternate?: string;
}

/** What one valid row asks ChatGuru to hold. Produced by apply-mapping (pure). */
export interface ContactDraft {
  rowNumber: number;
  /** Row identity across runs: the normalized key column value (canonical phone when the key is the phone column). */
  key: string;
  phone: PhoneNumbers;
  /** chat_add's `name`. */
  name: string;
  chatAdd: { text: string; userId?: string; dialogId?: string };
  /** ChatGuru field name as written in the mapping (panel or API form) → value. Empty cells already handled per `empty`. */
  fields: Record<string, string>;
  /** note_add text, when the mapping has a note. */
  note?: string;
  /** dialog_execute's dialog_id, when the mapping has one. */
  dialogId?: string;
  /** message_send, when the mapping has a message and the row's text is not empty. */
  message?: {
    text: string;
    /** `YYYY-MM-DD HH:MM`, Brasília time. */
    sendDate?: string;
    /**
     * Why this message cannot go out now: its send date is in the past. Only the message stops — the row's fields,
     * note and name still go — and only when it was not sent already (a sent message's date passing is normal).
     */
    late?: string;
    /** `late` as a catalog Text, for the person's language. */
    lateText?: Text;
  };
  /** message_file_send, when the mapping has a file and the row's url is not empty. */
  file?: { url: string; caption?: string };
  /** chat_update_context variables (experimental), name → value. */
  context?: Record<string, string>;
}

export type MappedRow = { ok: true; draft: ContactDraft } | { ok: false; problems: RowProblem[] };
