import type { RowResult } from "../core/row-result.js";

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
  note: (text: string) => void;
}

/**
 * Finds the sheet row of each result by its key, not its position: a person may have inserted, deleted or sorted
 * rows during the run. Returns sheet row (1-based) → result; results that cannot be placed safely become notes.
 */
export function locateRows(batch: PendingResult[], options: LocateOptions): Map<number, RowResult> {
  const { keyColumn, note } = options;
  const { rowsByKey, rowsByRaw } = indexKeyColumn(options.keyCells, options.keyOf);
  const claimed = new Map<number, RowResult>();
  const claim = (row: number, result: RowResult, what: string): void => {
    const holder = claimed.get(row);
    if (holder)
      note(`${what}: sheet row ${row} already received the result of source row ${holder.rowNumber}; not written.`);
    else claimed.set(row, result);
  };
  // Keyed results first: they are the reliable ones; keyless ones only take rows nobody else claims.
  for (const { result, ordinal } of batch.filter((p) => p.result.key !== undefined)) {
    const key = result.key!;
    const rows = rowsByKey.get(key) ?? [];
    const what = `Row ${result.rowNumber} (key ${key})`;
    if (rows.length === 0) {
      note(
        `${what}: the key is no longer in column "${keyColumn}" (row deleted or edited during the run); result not written.`,
      );
      continue;
    }
    if (ordinal >= rows.length) {
      note(`${what}: duplicate row no longer in the sheet; result not written.`);
      continue;
    }
    if (ordinal === 0 && rows.length > Math.max(1, options.seen(key))) {
      note(
        `${what}: the key appears ${rows.length} times (rows ${rows.join(", ")}); the result went to row ${rows[0]}.`,
      );
    }
    claim(rows[ordinal]!, result, what);
  }
  for (const { result } of batch.filter((p) => p.result.key === undefined)) {
    const raw = result.values[keyColumn] ?? "";
    const rows = rowsByRaw.get(raw) ?? [];
    // Without a usable key the row is found by its raw key cell; its old position settles ties.
    const target = rows.includes(result.rowNumber)
      ? result.rowNumber
      : raw.trim() !== ""
        ? rows.find((r) => !claimed.has(r))
        : undefined;
    if (target === undefined) {
      note(
        `Row ${result.rowNumber}: could not be found again (its ${keyColumn} cell is empty or invalid and the row moved); result not written.`,
      );
      continue;
    }
    claim(target, result, `Row ${result.rowNumber}`);
  }
  return claimed;
}

/** Sheet rows by normalized key and by raw key text. */
function indexKeyColumn(
  keyCells: string[][],
  keyOf: (rawCell: string) => string | undefined,
): { rowsByKey: Map<string, number[]>; rowsByRaw: Map<string, number[]> } {
  const rowsByKey = new Map<string, number[]>();
  const rowsByRaw = new Map<string, number[]>();
  const rawAt = keyCells.map((row) => row[0] ?? "");
  for (let i = 1; i < rawAt.length; i++) {
    const raw = rawAt[i]!;
    const sheetRow = i + 1;
    pushTo(rowsByRaw, raw, sheetRow);
    let key: string | undefined;
    try {
      key = raw.trim() === "" ? undefined : keyOf(raw);
    } catch {
      key = undefined;
    }
    if (key !== undefined) pushTo(rowsByKey, key, sheetRow);
  }
  return { rowsByKey, rowsByRaw };
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
