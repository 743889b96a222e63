import { randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { replaceFile, writeNewFile } from "../util/durable-fs.js";

/**
 * A temp file for a file kept beside the journal: named after the journal and ending in `suffix`, so the journal's
 * next open removes what a killed run left (journal-compact.ts removeCompactionDebris).
 */
export function journalTempPath(journalPath: string, suffix: string): string {
  return path.join(
    path.dirname(journalPath),
    `.${path.basename(journalPath)}.${process.pid}.${randomBytes(4).toString("hex")}${suffix}`,
  );
}

/**
 * Writes a file kept beside the journal (its snapshot, what runs learnt) through a temp file renamed over it: a kill
 * leaves the old file or the new one, never half of one.
 */
export async function replaceBesideJournal(
  journalPath: string,
  target: string,
  tempSuffix: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  await replaceFile(target, journalTempPath(journalPath, tempSuffix), (temp) => writeNewFile(temp, write));
}
