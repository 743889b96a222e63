/** The shapes the Sheets gateway speaks in, below the caller, the requests and the gateway that all use them. */

/** Progress of the gateway, for logs and `--json` request counts. Never carries cell values or secrets. */
export type SheetsEvent =
  | { type: "sheets-request"; method: string; attempt: number }
  | { type: "sheets-retry"; method: string; attempt: number; reason: string; status?: number; delayMs: number }
  | { type: "sheets-throttle"; method: string; waitMs: number };

export interface SheetTab {
  /** The tab's gid. */
  sheetId: number;
  title: string;
  index: number;
  /** Grid size: rows/columns that exist, filled or not. Writes beyond it fail, so the sink grows the grid first. */
  rowCount: number;
  columnCount: number;
}

export interface SpreadsheetInfo {
  spreadsheetId: string;
  title: string;
  url: string;
  tabs: SheetTab[];
}

export interface ValueRange {
  range: string;
  values: string[][];
}
