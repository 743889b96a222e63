import { rowFrom, type Fields } from "./journal-index.js";
import { createHash } from "node:crypto";
import {
  ADD_STATUSES,
  AT,
  CHECKSUM_BYTES,
  FINGERPRINT_BYTES,
  FLAG,
  HEADER_BYTES,
  keyHash,
  layout,
  MAGIC,
  NONE,
  OUTCOMES,
  slotsFor,
  snapshotChecksum,
  VERSION,
  WORDS,
  type SnapshotInfo,
} from "./snapshot-format.js";
import type { RowState } from "./state-store.js";

export type { SnapshotInfo } from "./snapshot-format.js";

/** A snapshot file, read: finds keys and decodes records on demand. */
export class SnapshotTable {
  readonly count: number;
  readonly info: SnapshotInfo;
  readonly #slots: Uint32Array;
  readonly #mask: number;
  readonly #words: Uint32Array;
  readonly #heap: Buffer;
  readonly #stamps: string[];

  private constructor(parts: {
    count: number;
    info: SnapshotInfo;
    slots: Uint32Array;
    words: Uint32Array;
    heap: Buffer;
    stamps: string[];
  }) {
    this.count = parts.count;
    this.info = parts.info;
    this.#slots = parts.slots;
    this.#mask = parts.slots.length - 1;
    this.#words = parts.words;
    this.#heap = parts.heap;
    this.#stamps = parts.stamps;
  }

  /**
   * The table in `file`, or undefined when it is not a complete, intact snapshot this release wrote (then: replay).
   * Never throws: whatever the bytes, the journal is there to replay.
   */
  static parse(file: Buffer): SnapshotTable | undefined {
    try {
      return SnapshotTable.#parse(file);
    } catch {
      return undefined;
    }
  }

  static #parse(file: Buffer): SnapshotTable | undefined {
    if (file.length < HEADER_BYTES || file.toString("latin1", AT.magic, AT.magic + 8) !== MAGIC) return undefined;
    if (file.readUInt32LE(AT.version) !== VERSION) return undefined;
    const count = file.readUInt32LE(AT.count);
    const slotCount = file.readUInt32LE(AT.slotCount);
    const metaBytes = file.readUInt32LE(AT.metaBytes);
    const heapBytes = file.readDoubleLE(AT.heapBytes);
    const at = layout(count, heapBytes, slotCount);
    if (heapBytes % 4 !== 0 || slotCount !== slotsFor(count) || at.meta + metaBytes !== file.length) return undefined;
    if (!intact(file, at.heap)) return undefined;
    // Typed-array views need 4-byte alignment: a buffer from a pool may start anywhere.
    const aligned = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
    const meta = parseMeta(aligned.toString("utf8", at.meta, at.meta + metaBytes));
    if (meta === undefined) return undefined;
    return new SnapshotTable({
      count,
      info: {
        journalSize: aligned.readDoubleLE(AT.journalSize),
        recordLines: aligned.readDoubleLE(AT.recordLines),
        lineCount: aligned.readDoubleLE(AT.lineCount),
        fingerprint: Buffer.from(aligned.subarray(AT.fingerprint, AT.fingerprint + FINGERPRINT_BYTES)),
        createdAt: meta.createdAt,
        journalStat: meta.journalStat,
      },
      slots: new Uint32Array(aligned.buffer, aligned.byteOffset + at.slots, slotCount),
      words: new Uint32Array(aligned.buffer, aligned.byteOffset + at.records, WORDS * count),
      heap: aligned.subarray(at.heap, at.slots),
      stamps: meta.stamps,
    });
  }

  /** The record index of `key`, or -1. */
  find(key: string): number {
    const hash = keyHash(key);
    const words = this.#words;
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot]!;
      if (entry === 0) return -1;
      const at = entry - 1;
      if (words[at * WORDS] === hash && this.#keyIs(at, key)) return at;
    }
  }

  keyAt(at: number): string {
    const r = at * WORDS;
    const from = this.#words[r + 1]!;
    return this.#text(from, from + this.#words[r + 2]!, ((this.#words[r + 3]! >>> 24) & FLAG.keyAscii) !== 0);
  }

  /** Record `at` as the journal index keeps it (`key`: the caller's copy of its key, saves decoding it). */
  row(at: number, key = this.keyAt(at)): RowState {
    const w = this.#words;
    const r = at * WORDS;
    const lengths = w[r + 3]!;
    const flags = lengths >>> 24;
    const ascii = (flags & FLAG.stringsAscii) !== 0;
    // Plain statements, no helper closure: this runs once per row of every re-run.
    let p = w[r + 1]! + w[r + 2]!;
    let hash: string | undefined;
    let chatAddId: string | undefined;
    let number: string | undefined;
    if (flags & FLAG.hasHash) hash = this.#text(p, (p += lengths & 0xff), ascii);
    if (flags & FLAG.hasChatAddId) chatAddId = this.#text(p, (p += (lengths >>> 8) & 0xff), ascii);
    if (flags & FLAG.numberIsKey) number = key;
    else if (flags & FLAG.hasNumber) number = this.#text(p, (p += (lengths >>> 16) & 0xff), ascii);
    const codes = w[r + 4]!;
    const rowWord = w[r + 5]!;
    const synced = w[r + 7]!;
    // Always the same properties in the same order: one shape for the Row constructor to read.
    const fields: Fields = {
      number,
      phone: flags & FLAG.phoneIsKey ? key : flags & FLAG.phoneIsNumber ? number : undefined,
      chatAddId,
      addStatus: (ADD_STATUSES[(codes >>> 8) & 0xff] || undefined) as RowState["addStatus"],
      hash,
      lastOutcome: (OUTCOMES[codes & 0xff] || undefined) as RowState["lastOutcome"],
      rowNumber: rowWord === NONE ? undefined : rowWord,
      syncedAt: synced === NONE ? undefined : this.#stamps[synced],
    };
    const restBytes = w[r + 8]!;
    if (restBytes > 0) Object.assign(fields, JSON.parse(this.#heap.toString("utf8", p, p + restBytes)));
    return rowFrom(key, fields, this.#stamps[w[r + 6]!] ?? "");
  }

  #keyIs(at: number, key: string): boolean {
    const r = at * WORDS;
    const from = this.#words[r + 1]!;
    const bytes = this.#words[r + 2]!;
    if (((this.#words[r + 3]! >>> 24) & FLAG.keyAscii) === 0)
      return this.#heap.toString("utf8", from, from + bytes) === key;
    if (bytes !== key.length) return false;
    const heap = this.#heap;
    for (let i = 0; i < bytes; i++) if (heap[from + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  #text(from: number, to: number, ascii: boolean): string {
    return this.#heap.toString(ascii ? "latin1" : "utf8", from, to);
  }
}

/** The file's checksum matches its bytes (snapshot-format.ts snapshotChecksum); `heapAt`: where the words end. */
function intact(file: Buffer, heapAt: number): boolean {
  const records = createHash("sha1").update(file.subarray(HEADER_BYTES, heapAt)).digest();
  const rest = createHash("sha1").update(file.subarray(heapAt)).digest();
  const expected = snapshotChecksum(file.subarray(0, AT.checksum), records, rest);
  return expected.equals(file.subarray(AT.checksum, AT.checksum + CHECKSUM_BYTES));
}

interface Meta {
  createdAt: string | undefined;
  journalStat: string | undefined;
  stamps: string[];
}

function parseMeta(text: string): Meta | undefined {
  try {
    const meta = JSON.parse(text) as { createdAt?: unknown; journalStat?: unknown; stamps?: unknown };
    if (!Array.isArray(meta.stamps) || !meta.stamps.every((s) => typeof s === "string")) return undefined;
    const str = (value: unknown) => (typeof value === "string" ? value : undefined);
    return { createdAt: str(meta.createdAt), journalStat: str(meta.journalStat), stamps: meta.stamps };
  } catch {
    return undefined;
  }
}
