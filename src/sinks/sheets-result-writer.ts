import { ConfigError } from "../errors.js";
import type { WriteBackColumns } from "../core/row-result.js";
import { a1Range, a1Row } from "../sheets/a1.js";
import type { SheetsGateway } from "../sheets/sheets-gateway.js";
import type { KeyOrdinals } from "./key-ordinals.js";
import { locateRows, type PendingResult } from "./sheets-row-locator.js";
import { buildRanges, planWriteBackColumns, type TargetColumn } from "./write-back-ranges.js";

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
  note: (text: string) => void;
}

/**
 * One flush of buffered results into the sheet (SPEC §5): re-read the header and key column right before writing,
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

  async write(batch: PendingResult[]): Promise<void> {
    if (batch.length === 0) return;
    const { gateway, spreadsheetId, sheetTitle, keyColumn, keyOf, ordinals, note } = this.options;
    const { header, keyCells } = await this.readKeyColumn();
    const targetColumns = await this.ensureWriteBackColumns(header);
    const claimed = locateRows(batch, { keyCells, keyColumn, keyOf, seen: (key) => ordinals.seen(key), note });
    const data = buildRanges(sheetTitle, claimed, targetColumns);
    if (data.length > 0) await gateway.batchUpdateValues(spreadsheetId, data);
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
        `The key column "${keyColumn}" is no longer in the header of tab "${sheetTitle}" (was it renamed or deleted during the run?); results were not written.`,
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
