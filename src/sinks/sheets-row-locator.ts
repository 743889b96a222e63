import type { RowResult } from "../core/row-result.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

/** A buffered result and the occurrence of its key it belongs to (see KeyOrdinals). */
export interface PendingResult {
  result: RowResult;
  ordinal: number;
}

export interface LocateOptions {
  /** The key column as just re-read, rows-major; index 0 is the header row. */
  keyCells: string[][];
  keyColumn: string;
  keyOf: (rawCell: string) => string | undefined;
  /** How many rows with this key the run has seen (KeyOrdinals.seen). */
  seen: (key: string) => number;
  /** A result that cannot be placed safely: English words, and the same as a catalog Text. */
  note: (english: string, said: Text) => void;
}

/** Calls a note callback with a Text's English and the Text itself. */
export function say(note: (english: string, said: Text) => void, said: Text): void {
  note(english(said), said);
}

/**
 * Finds the sheet row of each result by its key, not its position: a person may have inserted, deleted or sorted
 * rows during the run. Returns sheet row (1-based) → result; results that cannot be placed safely become notes.
 */
export function locateRows(batch: PendingResult[], options: LocateOptions): Map<number, RowResult> {
  const { keyColumn, note } = options;
  const rowsByKey = indexKeyColumn(options.keyCells, options.keyOf);
  const claimed = new Map<number, RowResult>();
  const claim = (row: number, result: RowResult, what: Text): void => {
    const holder = claimed.get(row);
    if (holder) say(note, text("writeBack.sheetRowTaken", { what, row, holder: holder.rowNumber }));
    else claimed.set(row, result);
  };
  // Results without a usable key never come here: the sink places them by content (sheets-keyless-rows.ts).
  for (const { result, ordinal } of batch.filter((p) => p.result.key !== undefined)) {
    const key = result.key!;
    const rows = rowsByKey.get(key) ?? [];
    const what = text("writeBack.rowKey", { row: result.rowNumber, key });
    if (rows.length === 0) {
      say(note, text("writeBack.keyGone", { what, column: keyColumn }));
      continue;
    }
    if (ordinal >= rows.length) {
      say(note, text("writeBack.duplicateGone", { what }));
      continue;
    }
    if (ordinal === 0 && rows.length > Math.max(1, options.seen(key))) {
      say(note, text("writeBack.keyRepeats", { what, count: rows.length, rows }));
    }
    claim(rows[ordinal]!, result, what);
  }
  return claimed;
}

/** Sheet rows by normalized key (a cell the normalizer rejects or throws on has none). */
function indexKeyColumn(keyCells: string[][], keyOf: (rawCell: string) => string | undefined): Map<string, number[]> {
  const rowsByKey = new Map<string, number[]>();
  const rawAt = keyCells.map((row) => row[0] ?? "");
  for (let i = 1; i < rawAt.length; i++) {
    const raw = rawAt[i]!;
    const sheetRow = i + 1;
    let key: string | undefined;
    try {
      key = raw.trim() === "" ? undefined : keyOf(raw);
    } catch {
      key = undefined;
    }
    if (key !== undefined) pushTo(rowsByKey, key, sheetRow);
  }
  return rowsByKey;
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
