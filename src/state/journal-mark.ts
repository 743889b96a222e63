import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../errors.js";

/**
 * The journal's "clean mark": a small side file `<journal>.mark` recording the journal's size and its header's
 * `createdAt` when a run last had it open and healthy (at open, after any repair, and at close).
 *
 * Why: a journal cut short in the middle (a bad copy, a restored backup, a filesystem that lost a tail) looks exactly
 * like a crash's torn last line once the cut lands mid-line — and the journal is what stops a second WhatsApp
 * message. The journal only grows until a compaction rewrites it under a new `createdAt`, so a journal that is
 * SHORTER than its mark while the header is the same was truncated: that is an error, never a fresh start
 * (issue 15 item 6). A mark whose `createdAt` differs (a crash between a compaction and the next mark) proves nothing
 * and is ignored. Lines appended after the last mark and then lost cannot be told from a crash's lost tail.
 */
export interface JournalMark {
  createdAt: string;
  size: number;
}

export function markPath(journalPath: string): string {
  return `${journalPath}.mark`;
}

export async function readJournalMark(journalPath: string): Promise<JournalMark | undefined> {
  let text: string;
  try {
    text = await readFile(markPath(journalPath), "utf8");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<JournalMark>;
    if (typeof value.createdAt === "string" && typeof value.size === "number") {
      return { createdAt: value.createdAt, size: value.size };
    }
  } catch {
    // A torn mark (crash while writing it) proves nothing.
  }
  return undefined;
}

/** Temp file + rename: a crash leaves the old mark or the new one. Best effort: a mark that cannot be written is skipped. */
export async function writeJournalMark(journalPath: string, mark: JournalMark): Promise<void> {
  const target = markPath(journalPath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(mark)}\n`);
    await rename(temp, target);
  } catch {
    // The mark only adds a check; failing to write it must not stop a run whose journal is fine.
  }
}

/** Throws STATE_CORRUPT when the journal is shorter than its clean mark with the same header. */
export function checkAgainstMark(
  journalPath: string,
  mark: JournalMark | undefined,
  loaded: { createdAt: string | undefined; fileSize: number },
): void {
  if (!mark || loaded.createdAt === undefined || mark.createdAt !== loaded.createdAt) return;
  if (loaded.fileSize >= mark.size) return;
  throw new ConfigError(
    "STATE_CORRUPT",
    `state file ${journalPath} is damaged: it is ${loaded.fileSize} bytes but was ${mark.size} bytes when a run last ` +
      `had it open, so records are missing (the file was cut short or replaced by an older copy). Nothing was sent. ` +
      `Restore the full file if you can. Otherwise move it and ${path.basename(markPath(journalPath))} away: the ` +
      `next run then starts a new journal and HOLDS dialogs and messages for chats that already exist ` +
      `(release them with --release-held once you have checked they were not sent).`,
    { context: { file: journalPath } },
  );
}
