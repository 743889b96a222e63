import { createHash } from "node:crypto";
import { open, readFile, stat, type FileHandle } from "node:fs/promises";
import { replaceBesideJournal } from "./journal-sidecar.js";
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
  /** The header line itself. */
  text: string;
}

const HEAD_BYTES = 64 * 1024;

/** The journal's header line and what a snapshot must agree with, or undefined (no file, no header: the replay says why). */
export async function readHead(filePath: string): Promise<JournalHead | undefined> {
  const handle = await open(filePath, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { size: fileSize } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, fileSize));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (end < 0) return undefined;
    const text = buffer.toString("utf8", 0, end);
    const header = JSON.parse(text) as Record<string, unknown>;
    if (header.type !== "header") return undefined;
    const createdAt = typeof header.createdAt === "string" ? header.createdAt : undefined;
    return { bytes: end + 1, createdAt, fileSize, text };
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
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
  const { journalSize, createdAt, fingerprint, journalStat } = table.info;
  if (createdAt !== head.createdAt || journalSize < head.bytes || journalSize > head.fileSize) return undefined;
  if (journalSize === head.fileSize && (await sameJournal(journalPath, journalStat))) return table;
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

/**
 * The journal file as the file system knows it: device, inode, size, change and modification times in nanoseconds.
 * Every write, truncation, rename over it or `touch` moves the change time (which no user call can set back), so the
 * same identity as when the snapshot was taken means the same bytes, without reading them: a scheduled re-run of an
 * unchanged sheet leaves the journal untouched, and hashing it was most of the open (~20 ms per 100 000 rows). Git
 * trusts its index the same way. Any difference — an append, an edit, a copy — falls back to the SHA-1 check.
 */
export async function journalIdentity(journalPath: string): Promise<string | undefined> {
  try {
    const s = await stat(journalPath, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.ctimeNs}:${s.mtimeNs}`;
  } catch {
    return undefined;
  }
}

/**
 * Whether the journal is still the file the snapshot recorded. File times tick coarsely (a few ms), so an edit in the
 * same tick as the journal's last write would keep its change time: as git does with "racily clean" entries, the
 * identity counts only when the snapshot itself was written in a later tick than that change — then any later edit
 * has a later change time too. A small journal written and snapshotted within one tick is simply hashed.
 */
async function sameJournal(journalPath: string, recorded: string | undefined): Promise<boolean> {
  if (recorded === undefined) return false;
  const [now, snapshot] = await Promise.all([
    journalIdentity(journalPath),
    stat(snapshotPath(journalPath), { bigint: true }).catch(() => undefined),
  ]);
  const changed = recorded.split(":")[3] ?? "";
  return now === recorded && snapshot !== undefined && /^\d+$/.test(changed) && snapshot.mtimeNs > BigInt(changed);
}

/** The journal as a closing store knows it: what `saveSnapshot` needs besides the file itself. */
export interface ClosingJournal {
  path: string;
  recordLines: number;
  /** The size the snapshot on disk covers, while it still describes this journal. */
  snapshotAt: number | undefined;
  records: Iterable<RowState>;
  count: number;
}

/** Lines appended since the snapshot that the next open may replay rather than the snapshot be rewritten. */
const SNAPSHOT_SLACK_BYTES = 256 * 1024;

/**
 * Writes the journal's snapshot for the next open, unless the one on disk still covers all but a short tail (a few
 * lines are cheaper to replay than a whole table to rewrite). `size`: the journal's size now (a line boundary).
 */
export async function saveSnapshot(journal: ClosingJournal, size: number): Promise<void> {
  const covered = journal.snapshotAt;
  if (covered !== undefined && size - covered <= Math.max(SNAPSHOT_SLACK_BYTES, covered / 20)) return;
  const head = await readHead(journal.path);
  if (head === undefined) return;
  const fingerprint = await journalFingerprint(journal.path, head.bytes, size);
  if (fingerprint === undefined) return;
  const identity = await journalIdentity(journal.path);
  const info = {
    journalSize: size,
    recordLines: journal.recordLines,
    lineCount: journal.recordLines + 1,
    fingerprint,
    createdAt: head.createdAt,
    // Only while the file is still exactly the bytes just hashed (the store holds the lock: nobody appends now).
    journalStat: identity?.split(":")[2] === String(size) ? identity : undefined,
  };
  await writeSnapshot(journal.path, info, journal.records, journal.count);
}

/** Writes the snapshot of `count` records (temp file, then rename: readers see the old one or the new one). */
export async function writeSnapshot(
  journalPath: string,
  info: SnapshotInfo,
  records: Iterable<RowState>,
  count: number,
): Promise<void> {
  const writer = new SnapshotWriter(count);
  await replaceBesideJournal(journalPath, snapshotPath(journalPath), SNAPSHOT_TEMP_SUFFIX, async (handle) => {
    for (const record of records) for (const piece of writer.add(record)) await writeAt(handle, piece);
    for (const piece of writer.finish(info)) await writeAt(handle, piece);
    await handle.datasync();
  });
}

/** A piece at its position; `write` may write fewer bytes than asked. */
async function writeAt(handle: FileHandle, piece: Piece): Promise<void> {
  for (let done = 0; done < piece.bytes.length;) {
    const { bytesWritten } = await handle.write(piece.bytes, done, piece.bytes.length - done, piece.at + done);
    done += bytesWritten;
  }
}
