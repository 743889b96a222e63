import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import { replaceFile } from "../util/durable-fs.js";
import { basename, dirname, extname, join, resolve } from "node:path";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { unguardFormula } from "../core/formula-guard.js";
import { tempPathBeside } from "./results-file.js";

/**
 * The `.xlsx` twin of a CSV the tool wrote (what a person double-clicks opens right in Excel pt-BR). A CSV
 * cannot be both valid input for a re-run and right in Excel-BR: Excel in Portuguese splits only on `;` (a `,` file
 * lands in one column) and shows a 13-digit phone as 5,51199E+12 in any CSV. So the CSV stays as it was — the
 * source's delimiter, the input to feed back, what scripts read — and a workbook beside it holds the same rows as
 * text cells: columns split, phones as their digits, nothing run as a formula.
 *
 * It is made from the finished CSV, so it always says what the CSV says; and it is written only when the CSV
 * changed: the zip comment keeps the SHA-1 of the CSV it came from, so an unchanged scheduled re-run (which
 * `npm run bench` holds to ≤ 2× validate) pays for hashing the CSV, not for a workbook of every row.
 */

const COMMENT_PREFIX = "chatguru-sync csv sha1 ";

/** `leads.results.csv` → `leads.results.xlsx`, beside it. */
export function twinPath(csvPath: string): string {
  return join(dirname(csvPath), `${basename(csvPath, extname(csvPath))}.xlsx`);
}

async function sha1Of(path: string): Promise<string> {
  const hash = createHash("sha1");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The comment of a zip (its end record is in the last bytes); undefined when there is none or no such file. */
async function zipComment(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, "r");
    const size = (await handle.stat()).size;
    const length = Math.min(size, 22 + 1024);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    for (let at = length - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) !== 0x06054b50) continue;
      const commentLength = tail.readUInt16LE(at + 20);
      return tail.subarray(at + 22, at + 22 + commentLength).toString("utf8");
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

export interface TwinOptions {
  /** The delimiter the CSV was written with. */
  delimiter: string;
  /** The worksheet's name. */
  sheetName: string;
  /** Paths the twin must never replace (the source itself). */
  protect?: ReadonlyArray<string | undefined>;
}

/**
 * Writes (or keeps, when it is up to date) the workbook twin of `csvPath`; returns its path, or undefined when it
 * would land on a protected file. Atomic like the results: a temp file renamed over the twin.
 */
export async function writeWorkbookTwin(csvPath: string, options: TwinOptions): Promise<string | undefined> {
  const twin = twinPath(csvPath);
  if (resolve(twin) === resolve(csvPath)) return undefined;
  if (options.protect?.some((path) => path !== undefined && resolve(path) === resolve(twin))) return undefined;
  const comment = `${COMMENT_PREFIX}${await sha1Of(csvPath)}`;
  if ((await zipComment(twin)) === comment) return twin;
  await replaceFile(twin, tempPathBeside(twin), (temp) => copyRows(csvPath, temp, options, comment));
  return twin;
}

/** The CSV's rows into a streamed workbook: text cells, inline strings (no table of every distinct value in memory). */
async function copyRows(csvPath: string, to: string, options: TwinOptions, comment: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: to,
    useSharedStrings: false,
    useStyles: false,
    zip: { comment },
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  const sheet = workbook.addWorksheet(options.sheetName);
  const records = createReadStream(csvPath).pipe(
    parse({ bom: true, delimiter: options.delimiter, relax_column_count: true }),
  );
  for await (const record of records as AsyncIterable<string[]>) {
    // The CSV's formula guard is for Excel reading a CSV; a workbook's text cells never run, so they show the value.
    sheet.addRow(record.map(unguardFormula)).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Removes the twin of a CSV that is gone (an errors file with no rows left): it would list rows that are fine now. */
export async function removeWorkbookTwin(
  csvPath: string,
  protect: ReadonlyArray<string | undefined> = [],
): Promise<void> {
  const twin = twinPath(csvPath);
  if (resolve(twin) === resolve(csvPath)) return;
  if (protect.some((path) => path !== undefined && resolve(path) === resolve(twin))) return;
  await rm(twin, { force: true });
}
