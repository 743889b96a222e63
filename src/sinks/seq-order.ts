import type { RowResult } from "../core/row-result.js";

/**
 * Results files list rows in INPUT order whatever order the engine reports them in: results wait here, keyed by
 * `seq`, until every earlier row has been written.
 */
export class SeqOrder {
  private readonly pending = new Map<number, RowResult>();
  private nextSeq = 0;

  /**
   * The usual case of `add` without its array: true when `result` is next and nothing is held (it counts as released,
   * the caller writes it now); false when `add` must take it. Every row of an unchanged re-run passes here twice.
   */
  next(result: RowResult): boolean {
    if (result.seq !== this.nextSeq || this.pending.size !== 0) return false;
    this.nextSeq++;
    return true;
  }

  /** Takes one result; returns the results now ready to write, in order (often none, often just this one). */
  add(result: RowResult): RowResult[] {
    // The usual case (every row of an unchanged re-run arrives in order): no trip through the map. Nothing is held,
    // so this seq cannot have been written before.
    if (this.next(result)) return [result];
    if (result.seq < this.nextSeq || this.pending.has(result.seq))
      throw new Error(`results row seq ${result.seq} written twice`);
    this.pending.set(result.seq, result);
    const ready: RowResult[] = [];
    for (let next = this.pending.get(this.nextSeq); next !== undefined; next = this.pending.get(this.nextSeq)) {
      this.pending.delete(this.nextSeq);
      this.nextSeq++;
      ready.push(next);
    }
    return ready;
  }

  /**
   * Everything still held, in seq order, and forgets it. Gaps (rows an aborted run never reported) must not hold the
   * rest back.
   */
  drain(): RowResult[] {
    const rest = [...this.pending.keys()].sort((a, b) => a - b).map((seq) => this.pending.get(seq)!);
    this.pending.clear();
    return rest;
  }

  clear(): void {
    this.pending.clear();
  }
}
