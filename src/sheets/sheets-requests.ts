import { sheets, type sheets_v4 } from "@googleapis/sheets";
import type { SheetsCredentials } from "./sheets-auth.js";
import type { SheetsCall } from "./sheets-call.js";
import type { SheetTab, SpreadsheetInfo, ValueRange } from "./sheets-types.js";
import { spreadsheetUrl } from "./sheets-spec.js";

/** The googleapis calls behind each SheetsGateway method, and the translation of their answers to plain types. */

export const DEFAULT_SHEETS_API_URL = "https://sheets.googleapis.com/";

const SPREADSHEET_FIELDS =
  "spreadsheetId,spreadsheetUrl,properties.title,sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))";

/** Formatted values (what the person sees), rows-major. */
const READ_AS_SHOWN = { majorDimension: "ROWS", valueRenderOption: "FORMATTED_VALUE" } as const;

export type SheetsApi = sheets_v4.Sheets;

export function createSheetsApi(
  credentials: SheetsCredentials,
  apiUrl: string | undefined,
  timeoutMs: number,
): SheetsApi {
  let rootUrl = apiUrl?.trim() || DEFAULT_SHEETS_API_URL;
  // googleapis-common resolves paths against rootUrl with `new URL(path, rootUrl)`: without the slash the last
  // segment of a root like http://host/prefix would be dropped.
  if (!rootUrl.endsWith("/")) rootUrl += "/";
  return sheets({
    version: "v4",
    auth: credentials.auth,
    rootUrl,
    // gaxios retries on its own schedule, outside our quota window and events: ours owns every retry.
    retry: false,
    retryConfig: { retry: 0 },
    timeout: timeoutMs,
  });
}

export async function getSpreadsheet(
  api: SheetsApi,
  call: SheetsCall,
  spreadsheetId: string,
): Promise<SpreadsheetInfo> {
  const res = await call("spreadsheets.get", spreadsheetId, () =>
    api.spreadsheets.get({ spreadsheetId, fields: SPREADSHEET_FIELDS }),
  );
  const tabs: SheetTab[] = (res.data.sheets ?? []).map((sheet, position) => {
    const p = sheet.properties ?? {};
    return {
      sheetId: p.sheetId ?? 0,
      title: p.title ?? "",
      index: p.index ?? position,
      rowCount: p.gridProperties?.rowCount ?? 0,
      columnCount: p.gridProperties?.columnCount ?? 0,
    };
  });
  tabs.sort((a, b) => a.index - b.index);
  return {
    spreadsheetId: res.data.spreadsheetId ?? spreadsheetId,
    title: res.data.properties?.title ?? "",
    url: res.data.spreadsheetUrl ?? spreadsheetUrl(spreadsheetId),
    tabs,
  };
}

export async function getValues(
  api: SheetsApi,
  call: SheetsCall,
  spreadsheetId: string,
  range: string,
): Promise<string[][]> {
  const res = await call("values.get", spreadsheetId, () =>
    api.spreadsheets.values.get({ spreadsheetId, range, ...READ_AS_SHOWN }),
  );
  return toStrings(res.data.values);
}

export async function batchGetValues(
  api: SheetsApi,
  call: SheetsCall,
  spreadsheetId: string,
  ranges: string[],
): Promise<string[][][]> {
  if (ranges.length === 0) return [];
  const res = await call("values.batchGet", spreadsheetId, () =>
    api.spreadsheets.values.batchGet({ spreadsheetId, ranges, ...READ_AS_SHOWN }),
  );
  const valueRanges = res.data.valueRanges ?? [];
  return ranges.map((_, i) => toStrings(valueRanges[i]?.values));
}

export async function updateValues(
  api: SheetsApi,
  call: SheetsCall,
  spreadsheetId: string,
  range: string,
  values: string[][],
): Promise<void> {
  await call("values.update", spreadsheetId, () =>
    api.spreadsheets.values.update({
      spreadsheetId,
      range,
      valueInputOption: "RAW",
      requestBody: { range, majorDimension: "ROWS", values },
    }),
  );
}

export async function batchUpdateValues(
  api: SheetsApi,
  call: SheetsCall,
  spreadsheetId: string,
  data: ValueRange[],
): Promise<{ updatedCells: number }> {
  if (data.length === 0) return { updatedCells: 0 };
  const res = await call("values.batchUpdate", spreadsheetId, () =>
    api.spreadsheets.values.batchUpdate({
      spreadsheetId,
      requestBody: {
        valueInputOption: "RAW",
        data: data.map((d): sheets_v4.Schema$ValueRange => ({
          range: d.range,
          majorDimension: "ROWS",
          values: d.values,
        })),
      },
    }),
  );
  return { updatedCells: res.data.totalUpdatedCells ?? 0 };
}

export async function appendColumns(
  api: SheetsApi,
  call: SheetsCall,
  spreadsheetId: string,
  sheetId: number,
  count: number,
): Promise<void> {
  if (count <= 0) return;
  // Not idempotent: a retry after a lost response may add `count` more empty columns, which is harmless.
  await call("spreadsheets.batchUpdate", spreadsheetId, () =>
    api.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: { requests: [{ appendDimension: { sheetId, dimension: "COLUMNS", length: count } }] },
    }),
  );
}

function toStrings(values: unknown[][] | null | undefined): string[][] {
  if (!values) return [];
  return values.map((row) => (row ?? []).map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
}
