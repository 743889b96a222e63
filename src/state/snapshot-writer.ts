import { createHash, type Hash } from "node:crypto";
import {
  ADD_STATUSES,
  AT,
  CHECKSUM_BYTES,
  FINGERPRINT_BYTES,
  FLAG,
  HEADER_BYTES,
  JSON_FIELDS,
  keyHash,
  layout,
  MAGIC,
  NONE,
  OUTCOMES,
  SHORT,
  slotsFor,
  snapshotChecksum,
  VERSION,
  WORDS,
  type SnapshotInfo,
} from "./snapshot-format.js";
import type { RowState } from "./state-store.js";

/** Bytes to write at a position of the snapshot file. Valid only until the writer's next call: write it first. */
export interface Piece {
  at: number;
  bytes: Buffer;
}

/** Records per batch of words handed out (640 KB). */
const BATCH = 16 * 1024;
/** Heap characters gathered before they are handed out (at most 3 bytes each in UTF-8). */
const HEAP_CHARS = 512 * 1024;

const isAscii = (text: string) => Buffer.byteLength(text) === text.length;
const fits = (value: unknown): value is string => typeof value === "string" && Buffer.byteLength(value) <= SHORT;

/**
 * Encodes exactly `count` records (snapshot-format.ts) as pieces to write while encoding: at 1 000 000 records the
 * journal index is still in memory, so the table is never built whole beside it (a sync's RSS bar is 400 MB). Only
 * the key hashes (4 bytes a record) are kept, for the slots written at the end.
 */
export class SnapshotWriter {
  readonly #count: number;
  readonly #hashes: Uint32Array;
  readonly #words = new Uint32Array(WORDS * BATCH);
  readonly #scratch = Buffer.allocUnsafe(3 * HEAP_CHARS);
  readonly #stamps = new Map<string, number>();
  #added = 0;
  #batchStart = 0;
  #heap = "";
  #heapBytes = 0;
  #heapWritten = 0;
  /** Running digests of the two parts, in file order (snapshot-format.ts snapshotChecksum). */
  readonly #recordsSha: Hash = createHash("sha1");
  readonly #restSha: Hash = createHash("sha1");

  constructor(count: number) {
    this.#count = count;
    this.#hashes = new Uint32Array(count);
  }

  /** Encodes one record; returns what is ready to write. */
  add(record: RowState): Piece[] {
    if (this.#added >= this.#count)
      throw new RangeError(`snapshot writer: more than the ${this.#count} records announced`);
    const encoded = encode(record);
    const at = this.#added++;
    const w = this.#words;
    const r = WORDS * (at - this.#batchStart);
    const hash = keyHash(record.key);
    this.#hashes[at] = hash;
    w[r] = hash;
    w[r + 1] = this.#heapBytes;
    w[r + 2] = encoded.keyBytes;
    w[r + 3] = encoded.lengths;
    w[r + 4] = encoded.codes;
    w[r + 5] = encoded.rowWord;
    w[r + 6] = this.#stamp(record.updatedAt);
    w[r + 7] = record.syncedAt === undefined ? NONE : this.#stamp(record.syncedAt);
    w[r + 8] = encoded.jsonBytes;
    w[r + 9] = 0;
    this.#heapBytes += encoded.segmentBytes;
    this.#heap += encoded.segment;
    const ready: Piece[] = [];
    if (this.#added - this.#batchStart === BATCH) ready.push(this.#takeWords());
    if (this.#heap.length >= HEAP_CHARS) ready.push(this.#takeHeap());
    return ready;
  }

  /** The rest: last words and heap, padding, slots, meta, then the header. Throws when fewer records came. */
  finish(info: SnapshotInfo): Piece[] {
    if (this.#added !== this.#count) throw new RangeError(`snapshot writer: ${this.#added} of ${this.#count} records`);
    const pieces = [this.#takeWords(), this.#takeHeap()];
    const pad = (4 - (this.#heapBytes % 4)) % 4;
    const heapBytes = this.#heapBytes + pad;
    const slotCount = slotsFor(this.#count);
    const slots = new Uint32Array(slotCount);
    const mask = slotCount - 1;
    for (let at = 0; at < this.#count; at++) {
      let slot = this.#hashes[at]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = at + 1;
    }
    const where = layout(this.#count, heapBytes, slotCount);
    const meta = Buffer.from(
      JSON.stringify({
        createdAt: info.createdAt ?? null,
        ...(info.journalStat !== undefined ? { journalStat: info.journalStat } : {}),
        stamps: [...this.#stamps.keys()],
      }),
    );
    const tail = [Buffer.alloc(pad), Buffer.from(slots.buffer), meta];
    for (const bytes of tail) this.#restSha.update(bytes);
    const head = header(info, this.#count, slotCount, meta.length, heapBytes);
    snapshotChecksum(head.subarray(0, AT.checksum), this.#recordsSha.digest(), this.#restSha.digest()).copy(
      head,
      AT.checksum,
      0,
      CHECKSUM_BYTES,
    );
    pieces.push(
      { at: where.heap + this.#heapBytes, bytes: tail[0]! },
      { at: where.slots, bytes: tail[1]! },
      { at: where.meta, bytes: meta },
      { at: 0, bytes: head },
    );
    return pieces;
  }

  /** The whole file in memory (tests, small tables). */
  static toBuffer(records: readonly RowState[], info: SnapshotInfo): Buffer {
    const writer = new SnapshotWriter(records.length);
    const pieces: Piece[] = [];
    const keep = (piece: Piece) => pieces.push({ at: piece.at, bytes: Buffer.from(piece.bytes) });
    for (const record of records) writer.add(record).forEach(keep);
    writer.finish(info).forEach(keep);
    const size = Math.max(...pieces.map((p) => p.at + p.bytes.length));
    const file = Buffer.alloc(size);
    for (const piece of pieces) piece.bytes.copy(file, piece.at);
    return file;
  }

  #takeWords(): Piece {
    const records = this.#added - this.#batchStart;
    const at = HEADER_BYTES + 4 * WORDS * this.#batchStart;
    this.#batchStart = this.#added;
    const bytes = Buffer.from(this.#words.buffer, 0, 4 * WORDS * records);
    this.#recordsSha.update(bytes);
    return { at, bytes };
  }

  #takeHeap(): Piece {
    // One reused buffer for the usual chunk; a record with a huge field (an error text) gets its own.
    const fitsScratch = Buffer.byteLength(this.#heap) <= this.#scratch.length;
    const bytes = fitsScratch
      ? this.#scratch.subarray(0, this.#scratch.write(this.#heap, 0, "utf8"))
      : Buffer.from(this.#heap, "utf8");
    const at = HEADER_BYTES + 4 * WORDS * this.#count + this.#heapWritten;
    this.#heapWritten += bytes.length;
    this.#heap = "";
    this.#restSha.update(bytes);
    return { at, bytes };
  }

  #stamp(stamp: string): number {
    let at = this.#stamps.get(stamp);
    if (at === undefined) this.#stamps.set(stamp, (at = this.#stamps.size));
    return at;
  }
}

interface Encoded {
  segment: string;
  segmentBytes: number;
  keyBytes: number;
  lengths: number;
  codes: number;
  rowWord: number;
  jsonBytes: number;
}

/** A record's heap segment and packed words (snapshot-format.ts). */
function encode(record: RowState): Encoded {
  const { key } = record;
  let strings = "";
  let flags = isAscii(key) ? FLAG.keyAscii : 0;
  const json: Record<string, unknown> = {};
  const slot = (field: "hash" | "chatAddId" | "number", flag: number): number => {
    const value = record[field];
    if (value === undefined) return 0;
    if (!fits(value)) {
      json[field] = value;
      return 0;
    }
    flags |= flag;
    strings += value;
    return Buffer.byteLength(value);
  };
  const hashBytes = slot("hash", FLAG.hasHash);
  const addIdBytes = slot("chatAddId", FLAG.hasChatAddId);
  let numberBytes = 0;
  if (record.number === key) flags |= FLAG.numberIsKey;
  else numberBytes = slot("number", FLAG.hasNumber);
  if (record.phone !== undefined) {
    if (record.phone === key) flags |= FLAG.phoneIsKey;
    // Only a number in a slot of its own is decoded before the phone that refers to it.
    else if (record.phone === record.number && flags & (FLAG.numberIsKey | FLAG.hasNumber)) flags |= FLAG.phoneIsNumber;
    else json.phone = record.phone;
  }
  if (isAscii(strings)) flags |= FLAG.stringsAscii;
  const codes =
    code(OUTCOMES, record.lastOutcome, "lastOutcome", json) |
    (code(ADD_STATUSES, record.addStatus, "addStatus", json) << 8);
  const rowWord = rowNumberWord(record.rowNumber, json);
  for (const field of JSON_FIELDS) if (record[field] !== undefined) json[field] = record[field];
  const jsonText = Object.keys(json).length > 0 ? JSON.stringify(json) : "";
  const segment = key + strings + jsonText;
  return {
    segment,
    segmentBytes: Buffer.byteLength(segment),
    keyBytes: Buffer.byteLength(key),
    lengths: hashBytes | (addIdBytes << 8) | (numberBytes << 16) | (flags << 24),
    codes,
    rowWord,
    jsonBytes: Buffer.byteLength(jsonText),
  };
}

function code(words: readonly string[], value: string | undefined, field: string, json: Record<string, unknown>) {
  if (value === undefined) return 0;
  const at = words.indexOf(value);
  if (at > 0) return at;
  json[field] = value;
  return 0;
}

function rowNumberWord(rowNumber: number | undefined, json: Record<string, unknown>): number {
  if (rowNumber === undefined) return NONE;
  if (Number.isInteger(rowNumber) && rowNumber >= 0 && rowNumber < NONE) return rowNumber;
  json.rowNumber = rowNumber;
  return NONE;
}

function header(info: SnapshotInfo, count: number, slotCount: number, metaBytes: number, heapBytes: number): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.write(MAGIC, AT.magic, "latin1");
  bytes.writeUInt32LE(VERSION, AT.version);
  bytes.writeUInt32LE(count, AT.count);
  bytes.writeUInt32LE(slotCount, AT.slotCount);
  bytes.writeUInt32LE(metaBytes, AT.metaBytes);
  bytes.writeDoubleLE(info.journalSize, AT.journalSize);
  bytes.writeDoubleLE(info.recordLines, AT.recordLines);
  bytes.writeDoubleLE(info.lineCount, AT.lineCount);
  bytes.writeDoubleLE(heapBytes, AT.heapBytes);
  info.fingerprint.copy(bytes, AT.fingerprint, 0, FINGERPRINT_BYTES);
  return bytes;
}
