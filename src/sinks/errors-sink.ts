import { rm } from "node:fs/promises";
import type { RowResult } from "../core/row-result.js";
import { resultsWriteError } from "./results-file.js";
import { SeqOrder } from "./seq-order.js";
import type { Sink } from "./sink.js";

/** Results plus the errors-only file: the run's location is the results', the errors file is named when written. */
export function withErrorsFile(results: Sink, errors: Sink & { readonly rows: number }): Sink {
  return {
    ...(results.wantsKeyOrdinal ? { wantsKeyOrdinal: true } : {}),
    // Synchronous when both files accept the row at once: an await per row is a visible cost on 100 000 rows.
    write(result) {
      const main = results.write(result);
      const side = errors.write(result);
      if (main || side) return Promise.all([main, side]).then(() => undefined);
    },
    async close() {
      const [main, side] = await Promise.all([results.close(), errors.close()]);
      return { ...main, ...(errors.rows > 0 ? { errors: side.location } : {}) };
    },
    async discard() {
      await Promise.all([results.discard(), errors.discard()]);
    },
  };
}

/** The outcomes a person has to fix: the errors file holds these rows. */
const TO_FIX: ReadonlySet<string> = new Set(["invalid", "duplicate", "failed"]);

/**
 * …and the rows waiting on a person's check: a held send (`pending`, MESSAGE_HELD). Fed back with --release-held, the
 * errors file then releases exactly the rows it lists.
 */
function toFix(result: RowResult): boolean {
  return result.status !== undefined && (TO_FIX.has(result.status) || result.errorCode === "MESSAGE_HELD");
}

export interface ErrorsSinkOptions {
  path: string;
  /** Builds the file's own sink (CSV or workbook, same columns as the results) on the first row to fix. */
  open: (path: string) => Sink;
}

/**
 * `<source>.errors.csv` (Salesforce Data Loader's error file): the rows that ended invalid/duplicate/failed, in input
 * order, so a person fixes them and feeds the file back. Created on the first such row; a run with none leaves no
 * errors file, and removes one an earlier run left (it would list rows that are fine now).
 */
export function createErrorsSink(options: ErrorsSinkOptions): Sink & { readonly rows: number } {
  const { path } = options;
  const order = new SeqOrder();
  let file: Sink | undefined;
  let written = 0;

  const pass = (ready: RowResult[]): void | Promise<void> => {
    let pending: Array<Promise<void>> | undefined;
    for (const result of ready) {
      if (!toFix(result)) continue;
      file ??= options.open(path);
      // The file's own ordering buffer wants consecutive positions: renumber among the rows it holds.
      const done = file.write({ ...result, seq: written++ });
      if (done) (pending ??= []).push(done);
    }
    if (pending) return Promise.all(pending).then(() => undefined);
  };

  return {
    get rows() {
      return written;
    },
    // A row that is fine and in order needs nothing from this file: no array, no pass.
    write: (result) => {
      if (toFix(result) || !order.next(result)) return pass(order.add(result));
    },
    async close() {
      await pass(order.drain());
      if (file) return { location: (await file.close()).location };
      try {
        await rm(path, { force: true });
      } catch (error) {
        throw resultsWriteError(path, error as Error);
      }
      return { location: path };
    },
    async discard() {
      order.clear();
      await file?.discard();
    },
  };
}
