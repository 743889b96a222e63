import type { RowResult, WriteBackColumns } from "../core/row-result.js";
import { a1Range } from "../sheets/a1.js";
import type { ValueRange } from "../sheets/sheets-gateway.js";
import { writeBackValue } from "./result-layout.js";

/** A selected write_back column and where it sits in the header (0-based). */
export interface TargetColumn {
  column: keyof WriteBackColumns;
  index: number;
}

/**
 * Where each selected write_back column is, and which names must be appended to the header: after the last named
 * column, in the order selected (a name selected twice is appended once).
 */
export function planWriteBackColumns(
  header: string[],
  columns: Array<keyof WriteBackColumns>,
  columnNames: string[],
): { targets: TargetColumn[]; missing: string[]; firstMissing: number } {
  const targets: TargetColumn[] = [];
  const missing: string[] = [];
  let lastNamed = header.length;
  while (lastNamed > 0 && header[lastNamed - 1] === "") lastNamed--;
  columns.forEach((column, i) => {
    const name = columnNames[i]!;
    let index = header.indexOf(name);
    if (index === -1) {
      index = missing.indexOf(name) === -1 ? lastNamed + missing.push(name) - 1 : lastNamed + missing.indexOf(name);
    }
    targets.push({ column, index });
  });
  return { targets, missing, firstMissing: lastNamed };
}

/**
 * One range per (block of adjacent write_back columns) × (run of consecutive target rows): the cells between them
 * belong to the person and are never written.
 */
export function buildRanges(
  sheetTitle: string,
  targets: Map<number, RowResult>,
  columns: TargetColumn[],
): ValueRange[] {
  const blocks: TargetColumn[][] = [];
  for (const c of [...columns].sort((a, b) => a.index - b.index)) {
    const block = blocks.at(-1);
    const last = block?.at(-1);
    if (block && last && last.index + 1 === c.index) block.push(c);
    else if (!last || last.index !== c.index) blocks.push([c]);
  }
  const runs: number[][] = [];
  for (const row of [...targets.keys()].sort((a, b) => a - b)) {
    const run = runs.at(-1);
    if (run && run.at(-1)! + 1 === row) run.push(row);
    else runs.push([row]);
  }
  const data: ValueRange[] = [];
  for (const run of runs) {
    for (const block of blocks) {
      data.push({
        range: a1Range(sheetTitle, {
          fromColumn: block[0]!.index,
          fromRow: run[0]!,
          toColumn: block.at(-1)!.index,
          toRow: run.at(-1)!,
        }),
        values: run.map((row) => block.map(({ column }) => writeBackValue(targets.get(row)!, column))),
      });
    }
  }
  return data;
}
