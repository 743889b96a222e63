import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/**
 * A quick row count for the progress bar's ETA: newlines in the file, minus the header. Quoted newlines and blank
 * lines make it an estimate; the bar switches to the exact total when the engine has read the whole source. Files
 * over 2 GB are not counted (a second full read would cost more than the ETA is worth).
 */
export async function estimateRows(path: string): Promise<number | undefined> {
  // A workbook is a zip: its newlines say nothing about its rows.
  if (/\.xls[xm]$/i.test(path)) return undefined;
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > 2 * 1024 ** 3) return undefined;
    let lines = 0;
    let last = 0x0a;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
      last = chunk[chunk.length - 1] ?? last;
    }
    if (last !== 0x0a) lines++;
    return Math.max(0, lines - 1);
  } catch {
    return undefined;
  }
}
