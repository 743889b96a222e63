import { ConfigError } from "../errors.js";
import type { RowResult, WriteBackColumns } from "../core/row-result.js";
import { a1Range, a1Row } from "../sheets/a1.js";
import type { SheetsGateway } from "../sheets/sheets-gateway.js";
import type { KeyOrdinals } from "./key-ordinals.js";
import { locateKeylessRows } from "./sheets-keyless-rows.js";
import { locateRows, type PendingResult } from "./sheets-row-locator.js";
import { buildRanges, planWriteBackColumns, type TargetColumn } from "./write-back-ranges.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { say } from "./sheets-row-locator.js";

export interface SheetsResultWriterOptions {
  gateway: SheetsGateway;
  spreadsheetId: string;
  sheetTitle: string;
  sheetId: number | undefined;
  keyColumn: string;
  keyIndex: number;
  keyOf: (rawCell: string) => string | undefined;
  columns: Array<keyof WriteBackColumns>;
  columnNames: string[];
  ordinals: KeyOrdinals;
  /** A row whose result could not be written back: English words, and the same as a catalog Text. */
  note: (english: string, said: Text) => void;
  /** The header as the source read it: a row without a usable key is found again by these cells. */
  sourceHeaders: string[];
  /** Every write_back column name (left out when comparing a row's cells: a previous run wrote them). */
  writeBackNames: ReadonlySet<string>;
}

/**
 * One flush of buffered results into the sheet: re-read the header and key column right before writing,
 * append missing write_back columns, then write everything with ONE values.batchUpdate (RAW), touching only
 * write_back cells.
 */
export class SheetsResultWriter {
  private keyIndex: number;
  private knownSheetId: number | undefined;

  constructor(private readonly options: SheetsResultWriterOptions) {
    this.keyIndex = options.keyIndex;
    this.knownSheetId = options.sheetId;
  }

  /** The tab's gid, once given or looked up (for the location URL). */
  get sheetId(): number | undefined {
    return this.knownSheetId;
  }

  /** `keyless`: results whose key cell is empty or unusable, found by their cells (one extra read of the tab). */
  async write(batch: PendingResult[], keyless: RowResult[] = []): Promise<void> {
    if (batch.length === 0 && keyless.length === 0) return;
    const { gateway, spreadsheetId, sheetTitle, keyColumn, keyOf, ordinals, note } = this.options;
    const { header, keyCells } = await this.readKeyColumn();
    const targetColumns = await this.ensureWriteBackColumns(header);
    const claimed = locateRows(batch, { keyCells, keyColumn, keyOf, seen: (key) => ordinals.seen(key), note });
    if (keyless.length > 0) await this.placeKeyless(header, keyless, claimed);
    const data = buildRanges(sheetTitle, claimed, targetColumns);
    if (data.length > 0) await gateway.batchUpdateValues(spreadsheetId, data);
  }

  /**
   * Rows with an empty or unusable key (they get their result too) have no key to look up. Google drops
   * trailing blank cells, so an empty key on the last rows is not even in the key column: read the rows themselves.
   */
  private async placeKeyless(header: string[], results: RowResult[], claimed: Map<number, RowResult>): Promise<void> {
    const { gateway, spreadsheetId, sheetTitle, keyColumn, note } = this.options;
    const rows = await gateway.getValues(
      spreadsheetId,
      a1Range(sheetTitle, { fromColumn: 0, fromRow: 2, toColumn: Math.max(header.length, 1) - 1 }),
    );
    const { sourceHeaders, writeBackNames } = this.options;
    const { found, lost } = locateKeylessRows({ header, rows, sourceHeaders, writeBackNames }, results);
    for (const { row, result } of found) {
      const holder = claimed.get(row);
      if (holder)
        say(
          note,
          text("writeBack.sheetRowTaken", {
            what: text("writeBack.row", { row: result.rowNumber }),
            row,
            holder: holder.rowNumber,
          }),
        );
      else claimed.set(row, result);
    }
    for (const result of lost) {
      say(note, text("writeBack.lostKeyless", { row: result.rowNumber, column: keyColumn }));
    }
  }

  /** Header and key column in one request: columns may have moved too, and the header tells us. */
  private async readKeyColumn(): Promise<{ header: string[]; keyCells: string[][] }> {
    const { gateway, spreadsheetId, sheetTitle, keyColumn } = this.options;
    const keyRange = (index: number) => a1Range(sheetTitle, { fromColumn: index, toColumn: index });
    const [headerRows, firstKeyCells] = await gateway.batchGetValues(spreadsheetId, [
      a1Row(sheetTitle, 1),
      keyRange(this.keyIndex),
    ]);
    const header = (headerRows?.[0] ?? []).map((cell) => cell.trim());
    const currentKeyIndex = header.indexOf(keyColumn);
    if (currentKeyIndex === -1) {
      throw new ConfigError(
        "SHEETS_KEY_COLUMN_GONE",
        text("writeBack.keyColumnGone", { column: keyColumn, tab: sheetTitle }),
      );
    }
    if (currentKeyIndex === this.keyIndex) return { header, keyCells: firstKeyCells ?? [] };
    this.keyIndex = currentKeyIndex;
    return { header, keyCells: await gateway.getValues(spreadsheetId, keyRange(this.keyIndex)) };
  }

  /** Column index of each selected write_back column, appending the missing ones to the header (RAW). */
  private async ensureWriteBackColumns(header: string[]): Promise<TargetColumn[]> {
    const { gateway, spreadsheetId, sheetTitle } = this.options;
    const { targets, missing, firstMissing } = planWriteBackColumns(
      header,
      this.options.columns,
      this.options.columnNames,
    );
    if (missing.length === 0) return targets;
    const info = await gateway.getSpreadsheet(spreadsheetId);
    const tab = info.tabs.find((t) => t.title === sheetTitle);
    if (tab) {
      this.knownSheetId ??= tab.sheetId;
      const needed = firstMissing + missing.length;
      // values.update cannot write past the grid ("exceeds grid limits"): grow it first.
      if (needed > tab.columnCount) await gateway.appendColumns(spreadsheetId, tab.sheetId, needed - tab.columnCount);
    }
    await gateway.updateValues(
      spreadsheetId,
      a1Range(sheetTitle, {
        fromColumn: firstMissing,
        fromRow: 1,
        toColumn: firstMissing + missing.length - 1,
        toRow: 1,
      }),
      [missing],
    );
    return targets;
  }
}
