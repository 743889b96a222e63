/** Notes for the run summary, capped so a sheet edited under a long run cannot flood the report. */
export class CappedNotes {
  private readonly notes: string[] = [];
  private dropped = 0;

  constructor(
    private readonly max: number,
    /** The closing line for the notes over `max`, e.g. `…and 12 more rows that could not be written back.` */
    private readonly overflow: (dropped: number) => string,
  ) {}

  add(text: string): void {
    if (this.notes.length < this.max) this.notes.push(text);
    else this.dropped++;
  }

  list(): string[] {
    return this.dropped > 0 ? [...this.notes, this.overflow(this.dropped)] : [...this.notes];
  }
}
