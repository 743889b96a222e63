/** Notes for the run summary, capped so a sheet edited under a long run cannot flood the report. */
export class CappedNotes<T = string> {
  private readonly notes: T[] = [];
  private dropped = 0;

  constructor(
    private readonly max: number,
    /** The closing line for the notes over `max`, e.g. `…and 12 more rows that could not be written back.` */
    private readonly overflow: (dropped: number) => T,
  ) {}

  add(note: T): void {
    if (this.notes.length < this.max) this.notes.push(note);
    else this.dropped++;
  }

  list(): T[] {
    return this.dropped > 0 ? [...this.notes, this.overflow(this.dropped)] : [...this.notes];
  }
}
