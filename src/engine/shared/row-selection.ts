/**
 * Which rows a person's decision covers (--release-held, --resolve): every row, the rows they named by their number in
 * the source, or none. Named rows are told apart from "all": an uncertain send is sent again only for a row named one
 * by one, never by a blanket flag (the person must have looked at that chat).
 */
export class RowSelection {
  static readonly NONE = new RowSelection(false, new Set());
  static readonly ALL = new RowSelection(true, new Set());

  private constructor(
    readonly all: boolean,
    readonly rows: ReadonlySet<number>,
  ) {}

  /** `true` = every row, `false`/undefined = none, a list = those spreadsheet rows. */
  static of(value: boolean | readonly number[] | undefined): RowSelection {
    if (value === undefined || value === false) return RowSelection.NONE;
    if (value === true) return RowSelection.ALL;
    return new RowSelection(false, new Set(value));
  }

  get any(): boolean {
    return this.all || this.rows.size > 0;
  }

  covers(rowNumber: number): boolean {
    return this.all || this.rows.has(rowNumber);
  }

  /** The row was named one by one. */
  names(rowNumber: number): boolean {
    return this.rows.has(rowNumber);
  }
}
