import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/** Bytes that do not make a line a row: spaces, CR, delimiters, quotes, and UTF-16's zero high bytes. */
const EMPTY_BYTES = new Uint8Array(256);
for (const byte of [0x20, 0x09, 0x0d, 0x00, 0x2c, 0x3b, 0x22]) EMPTY_BYTES[byte] = 1;
/** A first line `sep=;` (Excel's hint, hidden by Excel): not a row. UTF-8/16 BOM bytes and UTF-16 zeros skipped. */
const isSepLine = (start: number[]) =>
  /^sep=/i.test(String.fromCharCode(...start.filter((b) => b >= 0x20 && b < 0x7f)));

/**
 * Counts data rows line by line: blank lines (also `;;;;`), a `sep=` first line, title rows above the header and
 * the header are not rows. `headerRow` counts like the CSV source: after a `sep=` line, blank lines included.
 */
export class RowCounter {
  #rows = 0;
  #line = 0;
  #start: number[] = [];
  #content = false;
  #sepLine = false;
  #headerSeen = false;
  constructor(private readonly headerRow?: number) {}

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x0a) this.#endLine();
      else {
        if (this.#line === 0 && this.#start.length < 24) this.#start.push(byte);
        if (EMPTY_BYTES[byte] === 0) this.#content = true;
      }
    }
  }

  /** The count, once every chunk was pushed (a last line without a newline counts too). */
  finish(): number {
    if (this.#content) this.#endLine();
    return this.#rows;
  }

  #endLine(): void {
    const content = this.#content;
    this.#content = false;
    const line = this.#line++;
    if (line === 0 && isSepLine(this.#start)) {
      this.#sepLine = true;
      return;
    }
    const row = line + (this.#sepLine ? 0 : 1);
    if (this.headerRow !== undefined) {
      if (row > this.headerRow && content) this.#rows++;
    } else if (!this.#headerSeen) {
      this.#headerSeen = content;
    } else if (content) this.#rows++;
  }
}

/**
 * A quick row count for the progress bar's ETA. Quoted newlines make it an estimate; the bar switches to the exact
 * total when the engine has read the whole source. Files over 2 GB are not counted (a second full read would cost
 * more than the ETA is worth).
 */
export async function estimateRows(path: string, headerRow?: number): Promise<number | undefined> {
  // A workbook is a zip: its newlines say nothing about its rows.
  if (/\.xls[xm]$/i.test(path)) return undefined;
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > 2 * 1024 ** 3) return undefined;
    const counter = new RowCounter(headerRow);
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) counter.push(chunk);
    return counter.finish();
  } catch {
    return undefined;
  }
}
