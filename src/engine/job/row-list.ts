import type { ListedRow } from "../shared/sync-report.js";

/** Rows of one kind this run, counted in full and listed up to a few (the results and errors files have them all). */
export class RowList {
  static readonly SHOWN = 10;
  rows = 0;
  readonly first: ListedRow[] = [];

  add(row: ListedRow): void {
    this.rows += 1;
    if (this.first.length < RowList.SHOWN) this.first.push(row);
  }
}
