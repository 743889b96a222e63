import { randomBytes } from "node:crypto";
import { open, rename, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a file kept beside the journal (its snapshot, what runs learnt) through a temp file renamed over it: a kill
 * leaves the old file or the new one, never half of one. The temp is named after the journal and ends in
 * `tempSuffix`, so the journal's next open removes what a killed run left (journal-compact.ts).
 */
export async function replaceBesideJournal(
  journalPath: string,
  target: string,
  tempSuffix: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const temp = path.join(
    path.dirname(journalPath),
    `.${path.basename(journalPath)}.${process.pid}.${randomBytes(4).toString("hex")}${tempSuffix}`,
  );
  const handle = await open(temp, "wx");
  try {
    await write(handle);
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
}
