import { open } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { text } from "../messages/text.js";

/**
 * The journal's "clean mark": with `mark` on (sync() turns it on), the header carries a fixed-width field
 * `"clean":"000000012345"` that a run rewrites in place with the journal's size when it closes the journal cleanly.
 *
 * Why: a journal cut short in the middle (a bad copy, a restored backup, a filesystem that lost a tail) looks exactly
 * like a crash's torn last line once the cut lands mid-line — and the journal is what stops a second WhatsApp
 * message (docs/at-most-once.md). The journal only grows until a compaction rewrites it (with a new header), so a journal
 * SHORTER than its clean size was truncated: an error, never a fresh start. Kept in the header, not a side file, so
 * the journal stays one file that moves, is cached and is restored as a whole. Lines appended after the last clean
 * close and then lost (a crash, then a cut) cannot be told from a crash's lost tail. Journals whose header has no such
 * field (older releases) are not checked until their next compaction writes one.
 */
export const CLEAN_DIGITS = 12;
const CLEAN_FIELD = '"clean":"';

/** The header's extra field for a journal that keeps a clean mark (size 0 until the first clean close). */
export function cleanField(size = 0): string {
  return `${CLEAN_FIELD}${String(size).padStart(CLEAN_DIGITS, "0")}"`;
}

/** Where the clean size's digits sit in the file (the header is line 1), or undefined when it has none. */
export function cleanOffset(headerText: string): number | undefined {
  const at = headerText.indexOf(CLEAN_FIELD);
  return at === -1 ? undefined : Buffer.byteLength(headerText.slice(0, at + CLEAN_FIELD.length));
}

/** The clean size a header records, or undefined. */
export function cleanSizeOf(header: Record<string, unknown>): number | undefined {
  const value = header.clean;
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Rewrites the header's clean size in place: 12 ASCII digits, one small write, flushed. */
export async function writeCleanSize(journalPath: string, offset: number, size: number): Promise<void> {
  const digits = String(size).padStart(CLEAN_DIGITS, "0");
  if (digits.length !== CLEAN_DIGITS) return;
  const handle = await open(journalPath, "r+");
  try {
    await handle.write(digits, offset, "ascii");
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Throws STATE_CORRUPT when the journal is shorter than the size its header says it had at the last clean close. */
export function checkCleanSize(journalPath: string, cleanSize: number | undefined, fileSize: number): void {
  if (cleanSize === undefined || fileSize >= cleanSize) return;
  throw new ConfigError("STATE_CORRUPT", text("state.cutShort", { file: journalPath, size: fileSize, cleanSize }), {
    context: { file: journalPath },
  });
}
