import type { QuotaPacer } from "./quota-pacer.js";
import type { SheetsCredentials } from "./sheets-auth.js";
import { classifySheetsFailure, retriesExhausted } from "./sheets-errors.js";
import type { SheetsEvent } from "./sheets-types.js";
import { backoffDelay, SHEETS_RETRY } from "./sheets-retry.js";

/** Sends one Sheets request under the quota, retrying transient failures; `method` names it in events and errors. */
export type SheetsCall = <T>(method: string, spreadsheetId: string, send: () => Promise<T>) => Promise<T>;

export interface SheetsCaller {
  call: SheetsCall;
  /** HTTP attempts made so far, retries included. */
  readonly requestCount: number;
}

export interface SheetsCallerOptions {
  credentials: SheetsCredentials;
  pacer: QuotaPacer;
  emit: (event: SheetsEvent) => void;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
}

/**
 * Every Sheets request goes through here: each attempt waits for the quota window, transient failures back off
 * (Retry-After first, else jittered exponential) up to SHEETS_RETRY.maxAttempts, the rest become actionable errors.
 */
export function createSheetsCaller(options: SheetsCallerOptions): SheetsCaller {
  const { credentials, pacer, emit, sleep, now, random } = options;
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
        if (attempt >= SHEETS_RETRY.maxAttempts)
          throw retriesExhausted(method, attempt, failure.reasonText ?? failure.reason, spreadsheetId);
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
    call,
    get requestCount() {
      return requestCount;
    },
  };
}
