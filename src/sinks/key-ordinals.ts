import type { RowResult } from "../core/row-result.js";

/**
 * Which occurrence of its key in the sheet each result belongs to. The engine marks the second and later rows with a
 * key `duplicate` (the first wins), so a normal result goes to the first occurrence and the n-th duplicate to
 * occurrence n.
 */
export class KeyOrdinals {
  private readonly bySeq = new Map<number, number>();
  private readonly primaryCount = new Map<string, number>();
  private readonly duplicateCount = new Map<string, number>();

  /** 0-based occurrence of `result.key` (which must be set); stable when the same row is written again. */
  of(result: RowResult): number {
    const known = this.bySeq.get(result.seq);
    if (known !== undefined) return known;
    const key = result.key!;
    if (result.keyOrdinal !== undefined) {
      // The engine numbered same-key rows in source order: the n-th such row is the n-th occurrence in the sheet.
      this.primaryCount.set(key, Math.max(this.primaryCount.get(key) ?? 0, result.keyOrdinal + 1));
      this.bySeq.set(result.seq, result.keyOrdinal);
      return result.keyOrdinal;
    }
    let ordinal: number;
    if (result.status === "duplicate") {
      const n = this.duplicateCount.get(key) ?? 0;
      this.duplicateCount.set(key, n + 1);
      ordinal = 1 + n;
    } else {
      const n = this.primaryCount.get(key) ?? 0;
      this.primaryCount.set(key, n + 1);
      ordinal = n;
    }
    this.bySeq.set(result.seq, ordinal);
    return ordinal;
  }

  /** How many rows with this key the run has written so far, the first and its duplicates. */
  seen(key: string): number {
    return (this.primaryCount.get(key) ?? 0) + (this.duplicateCount.get(key) ?? 0);
  }
}
