import { spreadsheetUrl } from "../sheets/sheets-spec.js";
import type { RowResult } from "../core/row-result.js";
import type { Sink } from "./sink.js";
import { CappedNotes } from "./capped-notes.js";
import { KeyOrdinals } from "./key-ordinals.js";
import { checkSheetsSinkOptions, type SheetsSinkOptions } from "./sheets-sink-options.js";
import { SheetsResultWriter } from "./sheets-result-writer.js";
import type { PendingResult } from "./sheets-row-locator.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

export type { SheetsSinkOptions } from "./sheets-sink-options.js";

const MAX_NOTES = 50;

function resultWriter(
  options: SheetsSinkOptions,
  settings: ReturnType<typeof checkSheetsSinkOptions>,
  ordinals: KeyOrdinals,
  notes: CappedNotes<Text>,
): SheetsResultWriter {
  return new SheetsResultWriter({
    gateway: options.gateway,
    spreadsheetId: options.spreadsheetId,
    sheetTitle: options.sheetTitle,
    sheetId: options.sheetId,
    keyColumn: options.keyColumn,
    keyIndex: settings.keyIndex,
    keyOf: options.keyOf,
    columns: settings.columns,
    columnNames: settings.columnNames,
    ordinals,
    note: (_english, said) => notes.add(said),
    sourceHeaders: options.headers,
    writeBackNames: new Set(Object.values(options.writeBack).filter((name): name is string => name !== undefined)),
  });
}

/**
 * Writes row outcomes into the write_back columns of the sheet itself. Results are buffered and flushed
 * by count or age (checked on write: no timer), at most one flush at a time; each flush finds rows by key
 * (SheetsResultWriter), so rows a person inserted, deleted or sorted meanwhile still get their own result.
 */
export function createSheetsSink(options: SheetsSinkOptions): Sink {
  const settings = checkSheetsSinkOptions(options);
  const { now, flushEveryMs, flushEveryRows } = settings;
  const ordinals = new KeyOrdinals();
  const notes = new CappedNotes<Text>(MAX_NOTES, (n) => text("writeBack.more", { n }));
  const writer = resultWriter(options, settings, ordinals, notes);
  const buffer = new Map<number, PendingResult>();
  // Results without a usable key are found by their cells, which needs the whole tab: read it once, at close.
  const keyless: RowResult[] = [];
  let lastFlushAt = now();
  let inflight: Promise<void> | undefined;
  let failure: unknown;
  let closing = false;

  const takeBuffer = (): PendingResult[] => {
    const batch = [...buffer.values()];
    buffer.clear();
    return batch;
  };

  function startFlush(): void {
    const batch = takeBuffer();
    lastFlushAt = now();
    inflight = writer
      .write(batch)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        inflight = undefined;
        // Results that arrived during the flush go out as soon as they make a full batch.
        if (failure === undefined && !closing && buffer.size >= flushEveryRows) startFlush();
      });
  }

  return {
    wantsKeyOrdinal: true,
    // The sheet holds earlier results in its write_back columns: a run that reached no row leaves them alone.
    replacesExisting: true,
    write(result) {
      if (closing || failure !== undefined) return;
      // A row the run never reached keeps what the last run wrote: a blank would erase a real earlier outcome.
      if (result.status === undefined) return;
      if (result.key === undefined) {
        keyless.push(result);
        return;
      }
      buffer.set(result.seq, { result, ordinal: ordinals.of(result) });
      if (inflight === undefined && (buffer.size >= flushEveryRows || now() - lastFlushAt >= flushEveryMs))
        startFlush();
    },

    async close() {
      closing = true;
      while (inflight) await inflight;
      if (failure !== undefined) throw failure;
      await writer.write(takeBuffer(), keyless.splice(0));
      const closed = {
        location: `${spreadsheetUrl(options.spreadsheetId, writer.sheetId)} (tab "${options.sheetTitle}")`,
        notes: notes.list().map(english),
      };
      // Not enumerable: the close() result keeps its shape for library callers comparing it.
      return Object.defineProperty(closed, "noteTexts", { value: notes.list(), enumerable: false });
    },

    async discard() {
      closing = true;
      buffer.clear();
      keyless.length = 0;
      while (inflight) await inflight;
    },
  };
}
