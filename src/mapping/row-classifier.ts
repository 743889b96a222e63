import type { SourceRow } from "../core/source-row.js";
import { createRowMapper } from "./apply-mapping.js";
import type { ContactDraft } from "./contact.js";
import type { RowProblem } from "../core/row-problem.js";
import type { LoadedMapping } from "./load-mapping.js";
import { text } from "../messages/text.js";
import { withMessage } from "../messages/translate.js";

export type RowClass =
  | { kind: "valid"; draft: ContactDraft }
  | { kind: "invalid"; problems: RowProblem[] }
  | { kind: "duplicate"; draft: ContactDraft; problem: RowProblem };

/**
 * First row of each canonical phone, in flat typed arrays (open addressing). A Map<number, number> of a million
 * phones costs ~90 MB RSS and dominates validate's time; this costs ~25 MB and no per-entry garbage.
 * Canonical phones are ≤ 15 digits and never 0, so they fit a double exactly and 0 can mark an empty slot.
 */
class PhoneIndex {
  private keys = new Float64Array(1 << 16);
  private rows = new Uint32Array(1 << 16);
  private size = 0;

  private slotOf(keys: Float64Array, key: number): number {
    const mask = keys.length - 1;
    const lo = key % 4294967296;
    const hi = (key - lo) / 4294967296;
    let slot = Math.imul((lo ^ Math.imul(hi, 0x9e3779b1)) | 0, 0x85ebca6b) >>> 0;
    slot = (slot ^ (slot >>> 15)) & mask;
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** The row that first had this key, or records `row` for it and returns undefined. */
  firstOrAdd(key: number, row: number): number | undefined {
    const slot = this.slotOf(this.keys, key);
    if (this.keys[slot] === key) return this.rows[slot];
    this.keys[slot] = key;
    this.rows[slot] = row;
    if (++this.size * 2 > this.keys.length) this.grow();
    return undefined;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Uint32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i]!;
      if (key === 0) continue;
      const slot = this.slotOf(this.keys, key);
      this.keys[slot] = key;
      this.rows[slot] = oldRows[i]!;
    }
  }
}

/**
 * Maps each row and flags second and later rows with a key already seen in this source (the first row
 * wins). Stateful: one classifier per pass over a source. The same number written two ways ("(11) 98765-4321",
 * "5511987654321", or without the 9th digit) has one canonical form, hence one key.
 */
export function createRowClassifier(mapping: LoadedMapping, headers: string[]): (row: SourceRow) => RowClass {
  const map = createRowMapper(mapping, headers);
  const keyColumn = mapping.key ?? mapping.phone.column;
  const phoneKeys = keyColumn === mapping.phone.column;
  const phoneIndex = new PhoneIndex();
  const otherKeys = new Map<string, number>();
  return (row) => {
    const mapped = map(row);
    if (!mapped.ok) return { kind: "invalid", problems: mapped.problems };
    const { draft } = mapped;
    let first: number | undefined;
    if (phoneKeys) first = phoneIndex.firstOrAdd(Number(draft.key), row.rowNumber);
    else {
      first = otherKeys.get(draft.key);
      if (first === undefined) otherKeys.set(draft.key, row.rowNumber);
    }
    if (first === undefined) return { kind: "valid", draft };
    return {
      kind: "duplicate",
      draft,
      problem: withMessage(
        { row: row.rowNumber, column: keyColumn, code: "ROW_DUPLICATE_KEY" as const },
        text("row.duplicate", { first, key: draft.key, phoneKey: phoneKeys }),
      ),
    };
  };
}
