import { ConfigError } from "../errors.js";
import { a1Range, a1Row } from "../sheets/a1.js";
import type { SheetsGateway, ValueRange } from "../sheets/sheets-gateway.js";
import { spreadsheetUrl } from "../sheets/sheets-spec.js";
import type { Sink } from "./sink.js";
import type { RowResult, WriteBackColumns } from "../core/row-result.js";

export interface SheetsSinkOptions {
  gateway: SheetsGateway;
  spreadsheetId: string;
  /** The tab title the source resolved (`OpenedSheetsSource.sheetTitle`). */
  sheetTitle: string;
  /** The tab's gid (`OpenedSheetsSource.sheetId`), for the location URL. Looked up when absent and needed. */
  sheetId?: number;
  /** The header row as the source read it (`OpenedSheetsSource.headers`). */
  headers: string[];
  /** The mapping's key column (default: the phone column): rows are found by it, not by position. */
  keyColumn: string;
  /** Normalizes a raw key cell exactly as the mapping does, so it yields `RowResult.key` for that row. */
  keyOf: (rawCell: string) => string | undefined;
  writeBack: WriteBackColumns;
  /** Which write_back columns to fill. @default all five */
  columns?: Array<keyof WriteBackColumns>;
  /** Flush when this long has passed since the last flush (checked on write; no timer). @default 5000 */
  flushEveryMs?: number;
  /** Flush when this many results are buffered. @default 500 */
  flushEveryRows?: number;
  /** @default Date.now */
  now?: () => number;
}

const ALL_COLUMNS: Array<keyof WriteBackColumns> = ["status", "chat_add_id", "chat_number", "error", "synced_at"];
const MAX_NOTES = 50;

interface Pending {
  result: RowResult;
  /**
   * Which occurrence of the key in the sheet this result belongs to. The engine marks the second and later rows with
   * a key `duplicate` (the first wins), so a normal result goes to the first occurrence and the n-th duplicate to
   * occurrence n.
   */
  ordinal: number;
}

/**
 * Writes row outcomes into the write_back columns of the sheet itself (SPEC §5). Results are buffered; each flush
 * re-reads the key column right before writing, so rows a person inserted, deleted or sorted meanwhile still get
 * their own result, then writes everything with ONE values.batchUpdate (RAW), touching only write_back cells.
 */
export function createSheetsSink(options: SheetsSinkOptions): Sink {
  const { gateway, spreadsheetId, sheetTitle, keyColumn, keyOf } = options;
  const now = options.now ?? Date.now;
  const flushEveryMs = options.flushEveryMs ?? 5000;
  const flushEveryRows = options.flushEveryRows ?? 500;
  if (!Number.isInteger(flushEveryRows) || flushEveryRows < 1) {
    throw new RangeError(
      `Expected \`flushEveryRows\` to be a whole number from 1 and up, got \`${flushEveryRows}\` (${typeof flushEveryRows})`,
    );
  }
  if (!(flushEveryMs >= 0)) {
    throw new RangeError(
      `Expected \`flushEveryMs\` to be a number from 0 and up, got \`${flushEveryMs}\` (${typeof flushEveryMs})`,
    );
  }
  const columns = options.columns ?? ALL_COLUMNS;
  const columnNames = columns.map((c) => options.writeBack[c]);
  if (columnNames.includes(keyColumn)) {
    throw new ConfigError(
      "MAPPING_WRITE_BACK_KEY",
      `write_back would overwrite the key column "${keyColumn}" of tab "${sheetTitle}"; choose another write_back column name.`,
    );
  }
  let keyIndex = options.headers.indexOf(keyColumn);
  if (keyIndex === -1) {
    throw new ConfigError(
      "MAPPING_UNKNOWN_COLUMN",
      `The key column "${keyColumn}" is not in the header of tab "${sheetTitle}".`,
    );
  }

  const buffer = new Map<number, Pending>();
  const ordinalBySeq = new Map<number, number>();
  const primaryCount = new Map<string, number>();
  const duplicateCount = new Map<string, number>();
  const notes: string[] = [];
  let droppedNotes = 0;
  let sheetId = options.sheetId;
  let lastFlushAt = now();
  let inflight: Promise<void> | undefined;
  let failure: unknown;
  let closing = false;

  function note(text: string): void {
    if (notes.length < MAX_NOTES) notes.push(text);
    else droppedNotes++;
  }

  function ordinalFor(result: RowResult): number {
    const known = ordinalBySeq.get(result.seq);
    if (known !== undefined) return known;
    const key = result.key!;
    if (result.keyOrdinal !== undefined) {
      // The engine numbered same-key rows in source order: the n-th such row is the n-th occurrence in the sheet.
      primaryCount.set(key, Math.max(primaryCount.get(key) ?? 0, result.keyOrdinal + 1));
      ordinalBySeq.set(result.seq, result.keyOrdinal);
      return result.keyOrdinal;
    }
    let ordinal: number;
    if (result.status === "duplicate") {
      const n = duplicateCount.get(key) ?? 0;
      duplicateCount.set(key, n + 1);
      ordinal = 1 + n;
    } else {
      const n = primaryCount.get(key) ?? 0;
      primaryCount.set(key, n + 1);
      ordinal = n;
    }
    ordinalBySeq.set(result.seq, ordinal);
    return ordinal;
  }

  function startFlush(): void {
    const batch = [...buffer.values()];
    buffer.clear();
    lastFlushAt = now();
    inflight = flush(batch)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        inflight = undefined;
        // Results that arrived during the flush go out as soon as they make a full batch.
        if (failure === undefined && !closing && buffer.size >= flushEveryRows) startFlush();
      });
  }

  async function flush(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const keyRange = (index: number) => a1Range(sheetTitle, { fromColumn: index, toColumn: index });
    // Header and key column in one request: columns may have moved too, and the header tells us.
    const [headerRows, firstKeyCells] = await gateway.batchGetValues(spreadsheetId, [
      a1Row(sheetTitle, 1),
      keyRange(keyIndex),
    ]);
    let keyCells = firstKeyCells;
    const header = (headerRows?.[0] ?? []).map((cell) => cell.trim());
    const currentKeyIndex = header.indexOf(keyColumn);
    if (currentKeyIndex === -1) {
      throw new ConfigError(
        "SHEETS_KEY_COLUMN_GONE",
        `The key column "${keyColumn}" is no longer in the header of tab "${sheetTitle}" (was it renamed or deleted during the run?); results were not written.`,
      );
    }
    if (currentKeyIndex !== keyIndex) {
      keyIndex = currentKeyIndex;
      keyCells = await gateway.getValues(spreadsheetId, keyRange(keyIndex));
    }

    const targetColumns = await ensureWriteBackColumns(header);

    // Sheet rows by normalized key and by raw key text (index 0 is the header row).
    const rowsByKey = new Map<string, number[]>();
    const rowsByRaw = new Map<string, number[]>();
    const rawAt = (keyCells ?? []).map((row) => row[0] ?? "");
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
      const expected = (primaryCount.get(key) ?? 0) + (duplicateCount.get(key) ?? 0);
      if (ordinal === 0 && rows.length > Math.max(1, expected)) {
        note(
          `${what}: the key appears ${rows.length} times (rows ${rows.join(", ")}); the result went to row ${rows[0]}.`,
        );
      }
      claim(rows[ordinal]!, result, what);
    }
    for (const { result } of batch.filter((p) => p.result.key === undefined)) {
      const raw = result.values[keyColumn] ?? "";
      const rows = rowsByRaw.get(raw) ?? [];
      const what = `Row ${result.rowNumber}`;
      // Without a usable key the row is found by its raw key cell; its old position settles ties.
      const target = rows.includes(result.rowNumber)
        ? result.rowNumber
        : raw.trim() !== ""
          ? rows.find((r) => !claimed.has(r))
          : undefined;
      if (target === undefined) {
        note(
          `${what}: could not be found again (its ${keyColumn} cell is empty or invalid and the row moved); result not written.`,
        );
        continue;
      }
      claim(target, result, what);
    }

    const data = buildRanges(sheetTitle, claimed, targetColumns);
    if (data.length > 0) await gateway.batchUpdateValues(spreadsheetId, data);
  }

  /** Column index of each selected write_back column, appending the missing ones to the header (RAW). */
  async function ensureWriteBackColumns(
    header: string[],
  ): Promise<Array<{ column: keyof WriteBackColumns; index: number }>> {
    const targets: Array<{ column: keyof WriteBackColumns; index: number }> = [];
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
    if (missing.length > 0) {
      const info = await gateway.getSpreadsheet(spreadsheetId);
      const tab = info.tabs.find((t) => t.title === sheetTitle);
      if (tab) {
        sheetId ??= tab.sheetId;
        const needed = lastNamed + missing.length;
        // values.update cannot write past the grid ("exceeds grid limits"): grow it first.
        if (needed > tab.columnCount) await gateway.appendColumns(spreadsheetId, tab.sheetId, needed - tab.columnCount);
      }
      await gateway.updateValues(
        spreadsheetId,
        a1Range(sheetTitle, { fromColumn: lastNamed, fromRow: 1, toColumn: lastNamed + missing.length - 1, toRow: 1 }),
        [missing],
      );
    }
    return targets;
  }

  return {
    wantsKeyOrdinal: true,
    write(result) {
      if (closing || failure !== undefined) return;
      // A row the run never reached keeps what the last run wrote: a blank would erase a real earlier outcome.
      if (result.status === undefined) return;
      const ordinal = result.key === undefined ? 0 : ordinalFor(result);
      buffer.set(result.seq, { result, ordinal });
      if (inflight === undefined && (buffer.size >= flushEveryRows || now() - lastFlushAt >= flushEveryMs))
        startFlush();
    },

    async close() {
      closing = true;
      while (inflight) await inflight;
      if (failure !== undefined) throw failure;
      const batch = [...buffer.values()];
      buffer.clear();
      await flush(batch);
      if (droppedNotes > 0) notes.push(`…and ${droppedNotes} more rows that could not be written back.`);
      return {
        location: `${spreadsheetUrl(spreadsheetId, sheetId)} (tab "${sheetTitle}")`,
        notes: [...notes],
      };
    },

    async discard() {
      closing = true;
      buffer.clear();
      while (inflight) await inflight;
    },
  };
}

/**
 * One range per (block of adjacent write_back columns) × (run of consecutive target rows): the cells between them
 * belong to the person and are never written.
 */
function buildRanges(
  sheetTitle: string,
  targets: Map<number, RowResult>,
  columns: Array<{ column: keyof WriteBackColumns; index: number }>,
): ValueRange[] {
  const blocks: Array<Array<{ column: keyof WriteBackColumns; index: number }>> = [];
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
        values: run.map((row) => block.map(({ column }) => cellValue(targets.get(row)!, column))),
      });
    }
  }
  return data;
}

function cellValue(result: RowResult, column: keyof WriteBackColumns): string {
  switch (column) {
    case "status":
      return result.status ?? "";
    case "chat_add_id":
      return result.chatAddId ?? "";
    case "chat_number":
      return result.chatNumber ?? "";
    case "message_id":
      return result.messageId ?? "";
    case "message_status":
      return result.messageStatus ?? "";
    case "error":
      return result.error ?? "";
    case "synced_at":
      return result.syncedAt ?? "";
  }
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
