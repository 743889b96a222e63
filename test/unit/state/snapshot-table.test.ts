import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../src/chatguru/mock/mock-faults.js";
import { JournalIndex } from "../../../src/state/journal-index.js";
import { AT } from "../../../src/state/snapshot-format.js";
import { SnapshotTable, type SnapshotInfo } from "../../../src/state/snapshot-table.js";
import { SnapshotWriter } from "../../../src/state/snapshot-writer.js";
import type { RowState } from "../../../src/state/state-store.js";

const INFO: SnapshotInfo = {
  journalSize: 12_345,
  recordLines: 321,
  lineCount: 322,
  fingerprint: Buffer.alloc(20, 7),
  createdAt: "2026-01-01T00:00:00.000Z",
};

/** Records that exercise every encoding path: shared and odd numbers, unicode, long and unknown values, rare fields. */
function records(count: number, seed = 1): RowState[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const maybe = <T>(value: T): T | undefined => (random() < 0.5 ? value : undefined);
  const out: RowState[] = [];
  for (let i = 0; i < count; i++) {
    const key = pick([`55119${String(i).padStart(8, "0")}`, `José-${i}`, `lead ${i} 📞`, `k${i}`]);
    const number = pick([key, `554799${i}`, undefined, `número-${i}`, "x".repeat(300)]);
    const record: Record<string, unknown> = {
      key,
      number,
      phone: pick([key, number, undefined, `phone-${i}`]),
      chatAddId: maybe(pick([`${i}`.padStart(24, "a"), "ção", "y".repeat(260)])),
      addStatus: maybe(pick(["intent", "pending", "done", "fetched", "error", "uncertain", "novo-status"])),
      hash: maybe(pick(["WbA5ARpv2YnWERhQ7LgCOH2nXRM", "h".repeat(400), "ü"])),
      lastOutcome: maybe(pick(["created", "updated", "unchanged", "pending", "failed", "skipped-by-future"])),
      rowNumber: maybe(pick([i + 2, 0, 2 ** 33, 1.5])),
      syncedAt: maybe(pick(["2026-11-29T16:08:52.749Z", `2026-11-29T16:08:${String(i % 60).padStart(2, "0")}.000Z`])),
      updatedAt: pick(["2026-11-29T16:08:52.749Z", "", `2026-11-29T17:00:00.${String(i % 1000).padStart(3, "0")}Z`]),
      pendingHash: maybe("pending-hash"),
      messageHash: maybe(`msg-${i}`),
      messageStatus: maybe("sent"),
      held: maybe(true),
      errorCode: maybe("CHAT_NOT_FOUND"),
      error: maybe(`Chat não encontrado.\nlinha 2 "aspas" ${i}`),
    };
    for (const field of Object.keys(record)) if (record[field] === undefined) delete record[field];
    out.push(record as unknown as RowState);
  }
  return out;
}

function snapshotOf(rows: RowState[], info = INFO): Buffer {
  return SnapshotWriter.toBuffer(rows, info);
}

/** Each record as the journal index keeps it: what a decoded snapshot record must equal. */
function asIndexed(rows: RowState[]): RowState[] {
  const index = new JournalIndex();
  return rows.map((row) => index.set(row));
}

describe("SnapshotTable", () => {
  it("decodes every record exactly as the journal index keeps it, found by key", () => {
    const rows = records(3_000);
    const table = SnapshotTable.parse(snapshotOf(rows))!;
    expect(table.count).toBe(rows.length);
    const expected = asIndexed(rows);
    for (const [i, row] of expected.entries()) {
      const at = table.find(row.key);
      expect(at, row.key).toBe(i);
      expect(table.keyAt(at)).toBe(row.key);
      expect(table.row(at)).toEqual(row);
      expect(table.row(at, row.key)).toEqual(row);
      expect(Object.isFrozen(table.row(at))).toBe(true);
    }
  });

  it("streams a table larger than its batches, and a record with a field larger than its heap buffer", () => {
    const rows = records(40_000, 3);
    rows[20_000] = { ...rows[20_000]!, error: `longo ${"é".repeat(1_000_000)}` };
    const table = SnapshotTable.parse(snapshotOf(rows))!;
    const expected = asIndexed(rows);
    for (const i of [0, 16_383, 16_384, 20_000, 32_768, 39_999]) {
      expect(table.row(table.find(expected[i]!.key))).toEqual(expected[i]);
    }
  });

  it("misses keys it does not hold, including near misses", () => {
    const table = SnapshotTable.parse(snapshotOf(records(200)))!;
    for (const key of ["", "5511900000000x", "551190000000", "José-", "k200", "K1"]) expect(table.find(key)).toBe(-1);
  });

  it("carries what it says about its journal", () => {
    const table = SnapshotTable.parse(snapshotOf(records(5)))!;
    expect(table.info).toEqual(INFO);
    const none = SnapshotTable.parse(snapshotOf([], { ...INFO, createdAt: undefined }))!;
    expect(none.count).toBe(0);
    expect(none.find("anything")).toBe(-1);
    expect(none.info.createdAt).toBeUndefined();
  });

  it("refuses a file that is cut short, too long, of another format or version", () => {
    const file = snapshotOf(records(50));
    expect(SnapshotTable.parse(file.subarray(0, file.length - 1))).toBeUndefined();
    expect(SnapshotTable.parse(Buffer.concat([file, Buffer.from("x")]))).toBeUndefined();
    expect(SnapshotTable.parse(file.subarray(0, 40))).toBeUndefined();
    const magic = Buffer.from(file);
    magic.write("XXXX", 0, "latin1");
    expect(SnapshotTable.parse(magic)).toBeUndefined();
    const version = Buffer.from(file);
    version.writeUInt32LE(99, 8);
    expect(SnapshotTable.parse(version)).toBeUndefined();
  });

  it("reads a table from a buffer that does not start on a 4-byte boundary", () => {
    const rows = records(100, 9);
    const file = snapshotOf(rows);
    const shifted = Buffer.alloc(file.length + 1);
    file.copy(shifted, 1);
    const table = SnapshotTable.parse(shifted.subarray(1))!;
    expect(table.row(table.find(rows[42]!.key))).toEqual(asIndexed(rows)[42]);
  });

  it("refuses a file with any one bit flipped, wherever it is, and never throws", () => {
    const file = snapshotOf(records(40));
    expect(SnapshotTable.parse(file)).toBeDefined();
    for (let offset = 0; offset < file.length; offset++) {
      const damaged = Buffer.from(file);
      damaged[offset] = damaged[offset]! ^ (1 << (offset % 8));
      expect(() => SnapshotTable.parse(damaged), `byte ${offset}`).not.toThrow();
      expect(SnapshotTable.parse(damaged), `byte ${offset}`).toBeUndefined();
    }
  });

  it("refuses a version-1 file (written before the checksum) and one whose checksum was zeroed", () => {
    const file = snapshotOf(records(5));
    const v1 = Buffer.from(file);
    v1.writeUInt32LE(1, AT.version);
    expect(SnapshotTable.parse(v1)).toBeUndefined();
    const zeroed = Buffer.from(file).fill(0, AT.checksum, AT.checksum + 20);
    expect(SnapshotTable.parse(zeroed)).toBeUndefined();
  });
});
