import { ConfigError } from "../errors.js";
import { a1Range, a1Row } from "../sheets/a1.js";
import type { SheetsGateway, SheetTab } from "../sheets/sheets-gateway.js";
import { spreadsheetUrl } from "../sheets/sheets-spec.js";
import { checkHeader } from "./header-check.js";
import type { OpenedSheetsSource, Source } from "./source.js";
import { cellsByHeader, type SourceRow } from "../core/source-row.js";
import { text } from "../messages/text.js";

export interface SheetsSourceOptions {
  spreadsheetId: string;
  /** Tab title (`--sheet`). Wins over `gid` when both are given. */
  sheet?: string;
  /** Tab id from the URL's `#gid=`. Without `sheet` and `gid` the first tab is read. */
  gid?: number;
  /** The gateway, or a factory so that building a source stays cheap and credentials are only needed on open(). */
  gateway: SheetsGateway | (() => Promise<SheetsGateway>);
  /** Rows per values.get request. @default 5000 */
  pageSize?: number;
}

export interface SheetsSource extends Source {
  readonly kind: "sheets";
  readonly spreadsheetId: string;
  open(): Promise<OpenedSheetsSource>;
}

/**
 * Reads a tab of a Google Sheet: row 1 is the header, values are formatted (what the person sees),
 * rows are fetched page by page so memory stays flat.
 */
export function createSheetsSource(options: SheetsSourceOptions): SheetsSource {
  const { spreadsheetId } = options;
  const pageSize = options.pageSize ?? 5000;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(
      `Expected \`pageSize\` to be a whole number from 1 and up, got \`${pageSize}\` (${typeof pageSize})`,
    );
  }
  const tabRef = options.sheet ?? (options.gid !== undefined ? String(options.gid) : undefined);
  const id = tabRef === undefined ? `sheets:${spreadsheetId}` : `sheets:${spreadsheetId}#${tabRef}`;
  const label =
    options.sheet !== undefined
      ? `Google Sheet ${spreadsheetId}, tab "${options.sheet}"`
      : options.gid !== undefined
        ? `Google Sheet ${spreadsheetId}, tab gid=${options.gid}`
        : `Google Sheet ${spreadsheetId}, first tab`;

  let gatewayPromise: Promise<SheetsGateway> | undefined;
  const getGateway = () =>
    (gatewayPromise ??= typeof options.gateway === "function" ? options.gateway() : Promise.resolve(options.gateway));

  return {
    kind: "sheets",
    id,
    label,
    spreadsheetId,
    async open() {
      const gateway = await getGateway();
      const info = await gateway.getSpreadsheet(spreadsheetId);
      const tab = pickTab(info.tabs, options, spreadsheetId);
      const headerRow = (await gateway.getValues(spreadsheetId, a1Row(tab.title, 1)))[0] ?? [];
      const headers = checkHeader(headerRow, { label: text("sheets.label.tabHeader", { tab: tab.title }) });
      let closed = false;

      const opened: OpenedSheetsSource = {
        kind: "sheets",
        headers,
        rows: readRows({ gateway, spreadsheetId, tab, headers, pageSize, isClosed: () => closed }),
        spreadsheetId,
        sheetTitle: tab.title,
        sheetId: tab.sheetId,
        url: spreadsheetUrl(spreadsheetId, tab.sheetId),
        gateway,
        async close() {
          closed = true;
        },
      };
      return opened;
    },
  };
}

/** What readRows needs: the tab, its header, and a way to hear that the consumer closed the source. */
interface RowReader {
  gateway: SheetsGateway;
  spreadsheetId: string;
  tab: SheetTab;
  headers: string[];
  pageSize: number;
  isClosed: () => boolean;
}

/** Data rows (from row 2) page by page, one page fetched ahead; blank rows skipped. */
async function* readRows(reader: RowReader): AsyncGenerator<SourceRow> {
  const { gateway, spreadsheetId, tab, headers, pageSize, isClosed } = reader;
  // Page by the grid size, not by "a short page means the end": Google drops trailing blank rows from a
  // response, so a page ending in blank rows looks short while data follows further down.
  const lastRow = Math.max(tab.rowCount, 1);
  const fetchPage = (from: number) =>
    gateway.getValues(
      spreadsheetId,
      a1Range(tab.title, {
        fromColumn: 0,
        fromRow: from,
        toColumn: headers.length - 1,
        toRow: Math.min(lastRow, from + pageSize - 1),
      }),
    );
  let from = 2;
  let next = from <= lastRow ? fetchPage(from) : undefined;
  while (next !== undefined && !isClosed()) {
    const page = await next;
    const pageStart = from;
    from += pageSize;
    // Fetch the next page while the engine works through this one.
    next = from <= lastRow ? fetchPage(from) : undefined;
    // An abandoned prefetch must not surface as an unhandled rejection; awaiting it still throws.
    next?.catch(() => {});
    for (let i = 0; i < page.length && !isClosed(); i++) {
      const cells = page[i]!;
      if (cells.every((cell) => cell.trim() === "")) continue;
      yield { rowNumber: pageStart + i, values: cellsByHeader(headers, cells) };
    }
  }
}

function pickTab(tabs: SheetTab[], options: SheetsSourceOptions, spreadsheetId: string): SheetTab {
  const names = tabs.map((t) => `"${t.title}" (gid ${t.sheetId})`).join(", ");
  if (options.sheet !== undefined) {
    const wanted = options.sheet;
    const tab =
      tabs.find((t) => t.title === wanted) ??
      // People type tab names by hand: forgive case and stray spaces, but only when that is unambiguous.
      unique(tabs.filter((t) => t.title.trim().toLowerCase() === wanted.trim().toLowerCase()));
    if (!tab) throw new ConfigError("SOURCE_SHEETS_TAB", text("sheets.noTab", { id: spreadsheetId, wanted, names }));
    return tab;
  }
  if (options.gid !== undefined) {
    const tab = tabs.find((t) => t.sheetId === options.gid);
    if (!tab) {
      throw new ConfigError("SOURCE_SHEETS_TAB", text("sheets.noGid", { id: spreadsheetId, gid: options.gid, names }));
    }
    return tab;
  }
  const first = tabs[0];
  if (!first) throw new ConfigError("SOURCE_SHEETS_TAB", text("sheets.noTabs", { id: spreadsheetId }));
  return first;
}

function unique<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
