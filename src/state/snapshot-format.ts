import { createHash } from "node:crypto";
import { PATCH_FIELDS } from "./journal-format.js";

/**
 * The journal snapshot's binary layout (snapshot-writer.ts writes it, snapshot-table.ts reads it): the journal's
 * records as one table, read as one buffer, a record becoming an object only when asked for (a scheduled
 * re-run of a large sheet re-opens its journal every few minutes; replaying 100 000 JSON lines into objects costs
 * ~190 ms and a garbage collection each time).
 *
 * header (HEADER_BYTES) | records (u32 × WORDS each) | heap (each record's strings, UTF-8, padded to 4 bytes) |
 * slots (u32 × slotCount: open addressing, record index + 1, 0 = empty) | meta (JSON: the journal's createdAt, the
 * distinct time stamps). The records' size is known from the count, so both records and heap stream out as encoded.
 *
 * Record words: 0 key hash · 1 heap offset · 2 key bytes · 3 bytes of hash, chatAddId, number (8 bits each) + FLAGS ·
 * 4 outcome and add-status codes · 5 rowNumber · 6 updatedAt stamp · 7 syncedAt stamp · 8 bytes of the JSON of every
 * other field. A field that does not fit its slot (over 255 bytes, an outcome this release does not know) goes to
 * that JSON; the heap holds, in order: key, hash, chatAddId, number, JSON.
 *
 * The header ends with the file's own checksum (snapshotChecksum): the journal's fingerprint proves the snapshot was
 * taken from this journal, not that its bytes are still the ones written. One flipped bit in a record could change a
 * message hash (a message sent again) or break a JSON field (a crash); any mismatch means a full replay.
 */
export const HEADER_BYTES = 96;
export const MAGIC = "CGSSNAP1";
/** 2: the header carries the checksum. A version-1 file is not read (its journal is replayed, then it is rewritten). */
export const VERSION = 2;
export const WORDS = 10;
export const NONE = 0xffffffff;
/** Longest string (bytes) a record keeps in a slot of its own. */
export const SHORT = 255;

/** Header offsets. */
export const AT = {
  magic: 0,
  version: 8,
  count: 12,
  slotCount: 16,
  metaBytes: 20,
  journalSize: 24,
  recordLines: 32,
  lineCount: 40,
  heapBytes: 48,
  fingerprint: 56,
  checksum: 76,
} as const;
export const FINGERPRINT_BYTES = 20;
export const CHECKSUM_BYTES = 20;

export const FLAG = {
  keyAscii: 1,
  stringsAscii: 2,
  numberIsKey: 4,
  phoneIsKey: 8,
  phoneIsNumber: 16,
  hasHash: 32,
  hasChatAddId: 64,
  hasNumber: 128,
} as const;

export const OUTCOMES: readonly string[] = [
  "",
  "created",
  "updated",
  "unchanged",
  "pending",
  "invalid",
  "duplicate",
  "failed",
];
export const ADD_STATUSES: readonly string[] = ["", "intent", "pending", "done", "fetched", "error", "uncertain"];

/** Fields with a slot of their own; every other field goes to the record's JSON. */
const FIXED = new Set<string>([
  "number",
  "phone",
  "chatAddId",
  "addStatus",
  "hash",
  "lastOutcome",
  "rowNumber",
  "syncedAt",
]);
export const JSON_FIELDS = PATCH_FIELDS.filter((field) => !FIXED.has(field));

/** What a snapshot says about the journal it was taken from. */
export interface SnapshotInfo {
  /** Journal bytes the snapshot covers: the file's size when it was written (a line boundary). */
  journalSize: number;
  /** Record lines in those bytes (the compaction threshold counts them). */
  recordLines: number;
  /** Lines in those bytes, header included (line numbers of later errors). */
  lineCount: number;
  /** SHA-1 of the journal's bytes after its header line, up to journalSize. */
  fingerprint: Buffer;
  /** The journal header's createdAt (a compaction writes a new one). */
  createdAt: string | undefined;
  /** The journal file's identity when the snapshot was taken (snapshot-file.ts `journalIdentity`), if known. */
  journalStat?: string | undefined;
}

/** FNV-1a over UTF-16 code units: cheap for the short keys of a journal (phone numbers). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Slots for `count` records: a power of two, at most half full. */
export function slotsFor(count: number): number {
  let slots = 16;
  while (slots < count * 2) slots *= 2;
  return slots;
}

/** Where each part starts, from the header's counts. */
export function layout(count: number, heapBytes: number, slotCount: number) {
  const records = HEADER_BYTES;
  const heap = records + 4 * WORDS * count;
  const slots = heap + heapBytes;
  const meta = slots + 4 * slotCount;
  return { records, heap, slots, meta };
}

/**
 * SHA-1 of the header (up to the checksum), then of the records' words, then of everything after them (heap, slots,
 * meta) — two running digests, because the writer streams words and heap interleaved, each part in file order.
 */
export function snapshotChecksum(headerStart: Buffer, recordsDigest: Buffer, restDigest: Buffer): Buffer {
  return createHash("sha1").update(headerStart).update(recordsDigest).update(restDigest).digest();
}
