import { sleep as defaultSleep } from "../util/sleep.js";
import { createQuotaPacer } from "./quota-pacer.js";
import { resolveSheetsCredentials, type SheetsCredentials } from "./sheets-auth.js";
import { createSheetsCaller } from "./sheets-call.js";
import * as requests from "./sheets-requests.js";
import type { SheetsEvent, SpreadsheetInfo, ValueRange } from "./sheets-types.js";

export { DEFAULT_SHEETS_API_URL } from "./sheets-requests.js";
export type { SheetsEvent, SheetTab, SpreadsheetInfo, ValueRange } from "./sheets-types.js";

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

/** Resolves credentials (access token, then key file, then ADC: sheets-auth.ts) and builds the gateway. Throws ConfigError when none are usable. */
export async function createSheetsGateway(options: SheetsGatewayOptions): Promise<SheetsGateway> {
  const credentials = await resolveSheetsCredentials(options.env);
  return createSheetsGatewayWithCredentials(credentials, options);
}

export function createSheetsGatewayWithCredentials(
  credentials: SheetsCredentials,
  options: SheetsGatewayOptions,
): SheetsGateway {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => defaultSleep(ms));
  const caller = createSheetsCaller({
    credentials,
    pacer: createQuotaPacer({ limit: options.quotaPerMinute ?? 60, now, sleep }),
    emit: options.onEvent ?? (() => {}),
    sleep,
    now,
    random: options.random ?? Math.random,
  });
  const call = caller.call;
  const api = requests.createSheetsApi(credentials, options.env.SHEETS_API_URL, options.timeoutMs ?? 60_000);
  return {
    get requestCount() {
      return caller.requestCount;
    },
    get accountEmail() {
      return credentials.accountEmail;
    },
    getSpreadsheet: (spreadsheetId) => requests.getSpreadsheet(api, call, spreadsheetId),
    getValues: (spreadsheetId, range) => requests.getValues(api, call, spreadsheetId, range),
    batchGetValues: (spreadsheetId, ranges) => requests.batchGetValues(api, call, spreadsheetId, ranges),
    updateValues: (spreadsheetId, range, values) => requests.updateValues(api, call, spreadsheetId, range, values),
    batchUpdateValues: (spreadsheetId, data) => requests.batchUpdateValues(api, call, spreadsheetId, data),
    appendColumns: (spreadsheetId, sheetId, count) => requests.appendColumns(api, call, spreadsheetId, sheetId, count),
  };
}
