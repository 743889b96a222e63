import { sheets, type sheets_v4 } from "@googleapis/sheets";
import { createQuotaPacer } from "./quota-pacer.js";
import { resolveSheetsCredentials, type SheetsCredentials } from "./sheets-auth.js";
import { classifySheetsFailure, retriesExhausted } from "./sheets-errors.js";
import { backoffDelay, SHEETS_RETRY } from "./sheets-retry.js";
import { spreadsheetUrl } from "./sheets-spec.js";

export const DEFAULT_SHEETS_API_URL = "https://sheets.googleapis.com/";

/** Progress of the gateway, for logs and `--json` request counts. Never carries cell values or secrets. */
export type SheetsEvent =
  | { type: "sheets-request"; method: string; attempt: number }
  | { type: "sheets-retry"; method: string; attempt: number; reason: string; status?: number; delayMs: number }
  | { type: "sheets-throttle"; method: string; waitMs: number };

export interface SheetsGatewayOptions {
  /** GOOGLE_ACCESS_TOKEN, GOOGLE_APPLICATION_CREDENTIALS, SHEETS_API_URL are read from here (never process.env). */
  env: Record<string, string | undefined>;
  /** Requests per rolling minute, shared by every call of this gateway. @default 60 (Google's per-user quota) */
  quotaPerMinute?: number;
  onEvent?: (event: SheetsEvent) => void;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  now?: () => number;
  /** Jitter source, injectable for deterministic tests. @default Math.random */
  random?: () => number;
  /** Per-attempt timeout. @default 60_000 */
  timeoutMs?: number;
}

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

/** The only door to Google Sheets: typed, paced under the quota, retried, with actionable errors. */
export interface SheetsGateway {
  /** HTTP attempts made so far, retries included. */
  readonly requestCount: number;
  /** The service account's e-mail when known (the address a sheet must be shared with). */
  readonly accountEmail: string | undefined;
  getSpreadsheet(spreadsheetId: string): Promise<SpreadsheetInfo>;
  /** Formatted values (what the person sees), rows-major; trailing empty cells and rows are omitted by Google. */
  getValues(spreadsheetId: string, range: string): Promise<string[][]>;
  /** Like getValues for several ranges in one request; results in the order of `ranges`. */
  batchGetValues(spreadsheetId: string, ranges: string[]): Promise<string[][][]>;
  /** Writes with valueInputOption RAW: "+55…" and "=…" stay text. */
  updateValues(spreadsheetId: string, range: string, values: string[][]): Promise<void>;
  /** One request for many ranges, valueInputOption RAW. */
  batchUpdateValues(spreadsheetId: string, data: ValueRange[]): Promise<{ updatedCells: number }>;
  /** Adds `count` empty columns at the right edge of a tab (values.update cannot write past the grid). */
  appendColumns(spreadsheetId: string, sheetId: number, count: number): Promise<void>;
}

const SPREADSHEET_FIELDS =
  "spreadsheetId,spreadsheetUrl,properties.title,sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))";

/** Resolves credentials (SPEC §4.1 order) and builds the gateway. Throws ConfigError when none are usable. */
export async function createSheetsGateway(options: SheetsGatewayOptions): Promise<SheetsGateway> {
  const credentials = await resolveSheetsCredentials(options.env);
  return createSheetsGatewayWithCredentials(credentials, options);
}

export function createSheetsGatewayWithCredentials(
  credentials: SheetsCredentials,
  options: SheetsGatewayOptions,
): SheetsGateway {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const emit = options.onEvent ?? (() => {});
  const pacer = createQuotaPacer({ limit: options.quotaPerMinute ?? 60, now, sleep });

  let rootUrl = options.env.SHEETS_API_URL?.trim() || DEFAULT_SHEETS_API_URL;
  // googleapis-common resolves paths against rootUrl with `new URL(path, rootUrl)`: without the slash the last
  // segment of a root like http://host/prefix would be dropped.
  if (!rootUrl.endsWith("/")) rootUrl += "/";

  const api = sheets({
    version: "v4",
    auth: credentials.auth,
    rootUrl,
    // gaxios retries on its own schedule, outside our quota window and events: ours owns every retry.
    retry: false,
    retryConfig: { retry: 0 },
    timeout: options.timeoutMs ?? 60_000,
  });

  let requestCount = 0;

  async function call<T>(method: string, spreadsheetId: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const waitMs = await pacer.acquire();
      if (waitMs > 0) emit({ type: "sheets-throttle", method, waitMs });
      requestCount++;
      emit({ type: "sheets-request", method, attempt });
      try {
        return await send();
      } catch (error) {
        const failure = classifySheetsFailure(error, { method, spreadsheetId, credentials, now: now() });
        if (!failure.retryable) throw failure.error;
        if (attempt >= SHEETS_RETRY.maxAttempts) throw retriesExhausted(method, attempt, failure.reason, spreadsheetId);
        const delayMs = failure.retryAfterMs ?? backoffDelay(attempt, random);
        emit({
          type: "sheets-retry",
          method,
          attempt,
          reason: failure.reason,
          ...(failure.status !== undefined ? { status: failure.status } : {}),
          delayMs,
        });
        await sleep(delayMs);
      }
    }
  }

  return {
    get requestCount() {
      return requestCount;
    },
    get accountEmail() {
      return credentials.accountEmail;
    },

    async getSpreadsheet(spreadsheetId) {
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
    },

    async getValues(spreadsheetId, range) {
      const res = await call("values.get", spreadsheetId, () =>
        api.spreadsheets.values.get({
          spreadsheetId,
          range,
          majorDimension: "ROWS",
          valueRenderOption: "FORMATTED_VALUE",
        }),
      );
      return toStrings(res.data.values);
    },

    async batchGetValues(spreadsheetId, ranges) {
      if (ranges.length === 0) return [];
      const res = await call("values.batchGet", spreadsheetId, () =>
        api.spreadsheets.values.batchGet({
          spreadsheetId,
          ranges,
          majorDimension: "ROWS",
          valueRenderOption: "FORMATTED_VALUE",
        }),
      );
      const valueRanges = res.data.valueRanges ?? [];
      return ranges.map((_, i) => toStrings(valueRanges[i]?.values));
    },

    async updateValues(spreadsheetId, range, values) {
      await call("values.update", spreadsheetId, () =>
        api.spreadsheets.values.update({
          spreadsheetId,
          range,
          valueInputOption: "RAW",
          requestBody: { range, majorDimension: "ROWS", values },
        }),
      );
    },

    async batchUpdateValues(spreadsheetId, data) {
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
    },

    async appendColumns(spreadsheetId, sheetId, count) {
      if (count <= 0) return;
      // Not idempotent: a retry after a lost response may add `count` more empty columns, which is harmless.
      await call("spreadsheets.batchUpdate", spreadsheetId, () =>
        api.spreadsheets.batchUpdate({
          spreadsheetId,
          requestBody: { requests: [{ appendDimension: { sheetId, dimension: "COLUMNS", length: count } }] },
        }),
      );
    },
  };
}

function toStrings(values: unknown[][] | null | undefined): string[][] {
  if (!values) return [];
  return values.map((row) => (row ?? []).map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
}
