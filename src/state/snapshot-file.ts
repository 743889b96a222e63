import { createHash, randomBytes } from "node:crypto";
import { open, readFile, rename, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { SnapshotInfo } from "./snapshot-format.js";
import { SnapshotTable } from "./snapshot-table.js";
import { SnapshotWriter, type Piece } from "./snapshot-writer.js";
import type { RowState } from "./state-store.js";

/**
 * `<journal>.snap` beside the journal: a cache of its records (snapshot-table.ts), never the truth. It is used only
 * when the journal still starts with exactly the bytes it was taken from — same header createdAt, same SHA-1 of every
 * record byte up to the size it covers — and the lines appended since are replayed on top. Anything else (no file,
 * another release's format, a journal that was compacted, edited, cut or replaced) means a full replay, so a stale
 * snapshot can cost time but never a wrong record: the journal is what stops a second WhatsApp message.
 */
export const SNAPSHOT_SUFFIX = ".snap";
export const SNAPSHOT_TEMP_SUFFIX = ".snap.tmp";
const READ_BYTES = 4 << 20;

export function snapshotPath(journalPath: string): string {
  return `${journalPath}${SNAPSHOT_SUFFIX}`;
}

/** The journal's header line as found at open: what a snapshot must agree with. */
export interface JournalHead {
  /** Bytes of the header line, newline included (the fingerprint starts after it). */
  bytes: number;
  createdAt: string | undefined;
  /** The journal's size as found. */
  fileSize: number;
}

/** The journal's snapshot when it still describes the journal's first bytes, else undefined. */
export async function readSnapshot(journalPath: string, head: JournalHead): Promise<SnapshotTable | undefined> {
  let file: Buffer;
  try {
    file = await readFile(snapshotPath(journalPath));
  } catch {
    return undefined;
  }
  const table = SnapshotTable.parse(file);
  if (table === undefined) return undefined;
  const { journalSize, createdAt, fingerprint } = table.info;
  if (createdAt !== head.createdAt || journalSize < head.bytes || journalSize > head.fileSize) return undefined;
  const found = await journalFingerprint(journalPath, head.bytes, journalSize);
  return found?.equals(fingerprint) ? table : undefined;
}

/**
 * SHA-1 of the journal's bytes [from, to), or undefined when they do not end a line (a snapshot only ever covers
 * whole lines) or cannot be read.
 */
export async function journalFingerprint(journalPath: string, from: number, to: number): Promise<Buffer | undefined> {
  const handle = await open(journalPath, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    const sha = createHash("sha1");
    // Two buffers: the next read is in flight while this one is hashed.
    const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
    const read = (at: number, i: number) => handle.read(buffers[i % 2]!, 0, Math.min(READ_BYTES, to - at), at);
    let last = -1;
    let next = from < to ? read(from, 0) : undefined;
    for (let at = from, i = 0; next; i++) {
      const { bytesRead } = await next;
      if (bytesRead === 0) return undefined;
      at += bytesRead;
      next = at < to ? read(at, i + 1) : undefined;
      const bytes = buffers[i % 2]!.subarray(0, bytesRead);
      sha.update(bytes);
      last = bytes[bytesRead - 1]!;
    }
    return to > from && last !== 0x0a ? undefined : sha.digest();
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Writes the snapshot of `count` records (temp file, then rename: readers see the old one or the new one). */
export async function writeSnapshot(
  journalPath: string,
  info: SnapshotInfo,
  records: Iterable<RowState>,
  count: number,
): Promise<void> {
  const writer = new SnapshotWriter(count);
  const temp = path.join(
    path.dirname(journalPath),
    `.${path.basename(journalPath)}.${process.pid}.${randomBytes(4).toString("hex")}${SNAPSHOT_TEMP_SUFFIX}`,
  );
  const handle = await open(temp, "wx");
  try {
    for (const record of records) for (const piece of writer.add(record)) await writeAt(handle, piece);
    for (const piece of writer.finish(info)) await writeAt(handle, piece);
    await handle.datasync();
    await handle.close();
    await rename(temp, snapshotPath(journalPath));
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** A piece at its position; `write` may write fewer bytes than asked. */
async function writeAt(handle: FileHandle, piece: Piece): Promise<void> {
  for (let done = 0; done < piece.bytes.length;) {
    const { bytesWritten } = await handle.write(piece.bytes, done, piece.bytes.length - done, piece.at + done);
    done += bytesWritten;
  }
}
