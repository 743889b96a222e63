import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadJournal } from "../../../src/state/journal-load.js";
import { openNdjsonStateStore, type NdjsonStateStoreOptions } from "../../../src/state/ndjson-state-store.js";
import { snapshotPath } from "../../../src/state/snapshot-file.js";
import { AT, HEADER_BYTES, layout, snapshotChecksum } from "../../../src/state/snapshot-format.js";
import { createHash } from "node:crypto";
import type { RowStatePatch } from "../../../src/state/state-store.js";

let dir: string;
let journal: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-snap-"));
  journal = path.join(dir, ".chatguru-sync", "s.ndjson");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = () => new Date("2026-11-29T12:00:00.000Z");
const OPTIONS: NdjsonStateStoreOptions = { mark: true, snapshotMinRecords: 1 };

function patchFor(i: number, round = 0): RowStatePatch {
  const key = keyOf(i);
  return {
    number: i % 3 === 0 ? key.slice(0, 4) + key.slice(5) : key,
    phone: key,
    hash: `hash-${i}-${round}`,
    lastOutcome: i % 7 === 0 ? "failed" : "updated",
    rowNumber: i + 2,
    syncedAt: `2026-11-29T12:00:${String(i % 60).padStart(2, "0")}.000Z`,
    ...(i % 5 === 0 ? { chatAddId: `add-${i}`, addStatus: "done" as const } : {}),
    ...(i % 7 === 0 ? { errorCode: "CHAT_NOT_FOUND", error: "Chat não encontrado.\n(linha 2)" } : {}),
    ...(i % 11 === 0 ? { messageHash: `m-${i}`, messageStatus: "sending", held: true } : {}),
  };
}

const keyOf = (i: number) => `55119${String(i).padStart(8, "0")}`;

/** A journal written by a locked store: `count` keys, then closed cleanly. */
async function writeJournal(count: number, options = OPTIONS, round = 0): Promise<void> {
  const store = await openNdjsonStateStore(journal, options);
  await Promise.all(Array.from({ length: count }, (_, i) => store.update(keyOf(i), patchFor(i, round))));
  await store.close();
}

/** Records after a full replay vs. through the snapshot: they must be the same, in the same order. */
async function bothLoads() {
  const full = await loadJournal(journal, now, "");
  const fast = await loadJournal(journal, now, "", { snapshot: true });
  return { full, fast, fullRows: [...full.records.values()], fastRows: [...fast.records.values()] };
}

describe("journal snapshot (<journal>.snap)", () => {
  it("is written at a clean close and read at open: the same records, size and counts as a full replay", async () => {
    await writeJournal(300);
    expect(existsSync(snapshotPath(journal))).toBe(true);
    const { full, fast, fullRows, fastRows } = await bothLoads();
    expect(fast.snapshotAt).toBe(full.fileSize);
    expect(fastRows).toEqual(fullRows);
    expect(fast.records.size).toBe(300);
    expect(fast.recordLines).toBe(full.recordLines);
    expect(fast.cleanSize).toBe(full.cleanSize);
    expect(fast.cleanOffset).toBe(full.cleanOffset);
    expect(fast.createdAt).toBe(full.createdAt);
    expect(fast.records.get(keyOf(77))).toEqual(full.records.get(keyOf(77)));
    expect(fast.records.get("nope")).toBeUndefined();
  });

  it("replays lines appended after the snapshot on top of it, and rewrites it once they grow", async () => {
    await writeJournal(300);
    const first = await loadJournal(journal, now, "", { snapshot: true });
    const store = await openNdjsonStateStore(journal, OPTIONS);
    await store.update(keyOf(5), { hash: "changed", lastOutcome: "updated", error: null });
    await store.update("5599999999999", { number: "5599999999999", lastOutcome: "created" });
    await store.close();
    const { fast, fullRows, fastRows } = await bothLoads();
    // A few lines are cheaper to replay than the table to rewrite: the snapshot still covers the old size.
    expect(fast.snapshotAt).toBe(first.snapshotAt);
    expect(fastRows).toEqual(fullRows);
    expect(fast.records.size).toBe(301);
    expect(fast.records.get(keyOf(5))?.hash).toBe("changed");

    await writeJournal(3_000, OPTIONS, 1);
    const after = await bothLoads();
    expect(after.fast.snapshotAt).toBe(after.full.fileSize);
    expect(after.fastRows).toEqual(after.fullRows);
  });

  it("is ignored when the journal no longer starts with the bytes it was taken from", async () => {
    await writeJournal(300);
    const text = await readFile(journal, "utf8");
    // Same length, one character changed in the middle: only a fingerprint of every byte sees this.
    const at = text.indexOf("hash-150-0");
    await writeFile(journal, `${text.slice(0, at)}hash-150-X${text.slice(at + 10)}`);
    const { fast, fullRows, fastRows } = await bothLoads();
    expect(fast.snapshotAt).toBeUndefined();
    expect(fastRows).toEqual(fullRows);
    expect(fast.records.get(keyOf(150))?.hash).toBe("hash-150-X");
  });

  it("trusts a journal untouched since the snapshot by its file identity, and hashes it once anything touched it", async () => {
    await writeJournal(300);
    // Spoil the recorded SHA-1: a snapshot still used afterwards was trusted without hashing the journal.
    const snap = await readFile(snapshotPath(journal));
    snap.fill(0, AT.fingerprint, AT.fingerprint + 20);
    await writeFile(snapshotPath(journal), reseal(snap));
    // Written in a later clock tick than the journal's last change (see sameJournal): the racy case is excluded.
    const later = new Date(Date.now() + 60_000);
    await utimes(snapshotPath(journal), later, later);
    const trusted = await loadJournal(journal, now, "", { snapshot: true });
    expect(trusted.snapshotAt).toBe(trusted.fileSize);
    expect([...trusted.records.values()]).toEqual([...(await loadJournal(journal, now, "")).records.values()]);

    // Same bytes, but touched: the identity no longer matches, the spoilt SHA-1 is checked and the snapshot dropped.
    const stamp = (await stat(journal)).mtime;
    await utimes(journal, stamp, stamp);
    expect((await loadJournal(journal, now, "", { snapshot: true })).snapshotAt).toBeUndefined();
  });

  it("is ignored after a compaction (a new header), for a shorter journal and when it is damaged", async () => {
    await writeJournal(300);
    const snap = await readFile(snapshotPath(journal));
    // Cut short: the store refuses the journal (clean mark); a replay without the mark shows the snapshot unused.
    const size = (await readFile(journal)).length;
    await truncate(journal, size - 50);
    expect((await loadJournal(journal, now, "", { snapshot: true })).snapshotAt).toBeUndefined();
    await expect(openNdjsonStateStore(journal, OPTIONS)).rejects.toMatchObject({ code: "STATE_CORRUPT" });

    // A journal deleted beside its snapshot is refused (journal-lost.ts): start over without either.
    await rm(journal);
    await rm(snapshotPath(journal));
    await writeJournal(300);
    await writeFile(snapshotPath(journal), snap.subarray(0, snap.length - 3));
    expect((await loadJournal(journal, now, "", { snapshot: true })).snapshotAt).toBeUndefined();

    // A compaction writes a new header (createdAt): the old table describes another file.
    await writeFile(snapshotPath(journal), snap);
    const compacting = await openNdjsonStateStore(journal, { ...OPTIONS, compactMinRecords: 1 });
    for (let round = 1; round <= 3; round++) {
      await Promise.all(Array.from({ length: 300 }, (_, i) => compacting.update(keyOf(i), patchFor(i, round))));
    }
    const compacted = await loadJournal(journal, now, "", { snapshot: true });
    expect(compacted.snapshotAt).toBeUndefined();
    await compacting.close();
    const { fast, fullRows, fastRows } = await bothLoads();
    expect(fast.snapshotAt).toBe((await readFile(journal)).length);
    expect(fastRows).toEqual(fullRows);
  });

  it("is written only by the lock holder, for journals of at least snapshotMinRecords keys", async () => {
    await writeJournal(20, { mark: true, snapshotMinRecords: 21 });
    expect(existsSync(snapshotPath(journal))).toBe(false);
    const reader = await openNdjsonStateStore(journal, { ...OPTIONS, lock: false });
    await reader.close();
    expect(existsSync(snapshotPath(journal))).toBe(false);
    await writeJournal(20);
    expect(existsSync(snapshotPath(journal))).toBe(true);
  });

  it("a run that appends nothing leaves the journal untouched: no clean-mark rewrite, no new snapshot", async () => {
    await writeJournal(300);
    const before = { journal: (await stat(journal)).mtimeMs, snap: (await stat(snapshotPath(journal))).mtimeMs };
    await new Promise((resolve) => setTimeout(resolve, 30));
    const store = await openNdjsonStateStore(journal, OPTIONS);
    expect(store.get(keyOf(3))?.hash).toBe("hash-3-0");
    await store.close();
    expect((await stat(journal)).mtimeMs).toBe(before.journal);
    expect((await stat(snapshotPath(journal))).mtimeMs).toBe(before.snap);
  });

  it("leaves no temp file, and removes one a killed run left", async () => {
    await mkdir(path.dirname(journal), { recursive: true });
    const debris = path.join(path.dirname(journal), `.s.ndjson.12345.abcd1234.snap.tmp`);
    await writeFile(debris, "half a snapshot");
    await writeJournal(50);
    expect((await readdir(path.dirname(journal))).sort()).toEqual(["s.ndjson", "s.ndjson.snap"]);
  });

  it("gives a store opened from it the records, size and later updates of one opened without it", async () => {
    await writeJournal(300);
    const store = await openNdjsonStateStore(journal, OPTIONS);
    expect(store.size).toBe(300);
    expect(store.fresh).toBe(false);
    const merged = await store.update(keyOf(9), { hash: "new", messageHash: null });
    expect(merged).toMatchObject({
      key: keyOf(9),
      hash: "new",
      rowNumber: 11,
      number: keyOf(9).slice(0, 4) + keyOf(9).slice(5),
    });
    expect(merged.messageHash).toBeUndefined();
    expect(store.get(keyOf(9))).toBe(merged);
    await store.update("novo", { lastOutcome: "created" });
    expect(store.size).toBe(301);
    const keys = [...store.entries()].map((row) => row.key);
    expect(keys.slice(0, 3)).toEqual([keyOf(0), keyOf(1), keyOf(2)]);
    expect(keys.at(-1)).toBe("novo");
    expect(new Set(keys).size).toBe(301);
    await store.close();
    const { fullRows, fastRows } = await bothLoads();
    expect(fastRows).toEqual(fullRows);
  });
});

/** Recomputes a snapshot's own checksum after a test edited it on purpose (its content then reads as intact). */
function reseal(snap: Buffer): Buffer {
  const heapAt = layout(
    snap.readUInt32LE(AT.count),
    snap.readDoubleLE(AT.heapBytes),
    snap.readUInt32LE(AT.slotCount),
  ).heap;
  const digest = (bytes: Buffer) => createHash("sha1").update(bytes).digest();
  const sum = snapshotChecksum(
    snap.subarray(0, AT.checksum),
    digest(snap.subarray(HEADER_BYTES, heapAt)),
    digest(snap.subarray(heapAt)),
  );
  sum.copy(snap, AT.checksum);
  return snap;
}
