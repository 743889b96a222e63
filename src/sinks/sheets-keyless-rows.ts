import type { RowResult } from "../core/row-result.js";

export interface KeylessLookup {
  /** The tab's header as re-read now (columns may have moved since the source read it). */
  header: string[];
  /** Rows 2… of the tab as re-read now, columns A… up to the header's width (trailing blanks dropped by Google). */
  rows: string[][];
  /** The header names the source read: the row's content is compared by these. */
  sourceHeaders: string[];
  /** Every write_back column name: a previous run's result in them is not part of what identifies a row. */
  writeBackNames: ReadonlySet<string>;
}

/**
 * Finds the sheet rows of results whose key cell is empty or unusable (they get their result too). Such a row
 * has no key to look up, so it is found by its content: the cells the source read (write_back columns left out), as
 * they are now. Rows inserted, deleted or sorted meanwhile do not matter; the n-th of several identical rows (in
 * source order) goes to the n-th such row in the sheet. A row edited during the run is not found and is reported.
 */
export function locateKeylessRows(
  lookup: KeylessLookup,
  results: RowResult[],
): { found: Array<{ row: number; result: RowResult }>; lost: RowResult[] } {
  const compared = lookup.sourceHeaders.filter((name) => !lookup.writeBackNames.has(name));
  const at = compared.map((name) => lookup.header.indexOf(name));
  const rowsBySignature = new Map<string, number[]>();
  lookup.rows.forEach((cells, i) => {
    const signature = JSON.stringify(at.map((index) => (index === -1 ? "" : (cells[index] ?? ""))));
    pushTo(rowsBySignature, signature, i + 2);
  });
  const seen = new Map<string, number>();
  const found: Array<{ row: number; result: RowResult }> = [];
  const lost: RowResult[] = [];
  for (const result of [...results].sort((a, b) => a.seq - b.seq)) {
    const signature = JSON.stringify(compared.map((name) => result.values[name] ?? ""));
    const ordinal = seen.get(signature) ?? 0;
    seen.set(signature, ordinal + 1);
    const row = rowsBySignature.get(signature)?.[ordinal];
    if (row === undefined) lost.push(result);
    else found.push({ row, result });
  }
  return { found, lost };
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
