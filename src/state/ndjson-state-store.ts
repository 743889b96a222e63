import { mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { InternalError, RunAbortedError, SyncError, textOf } from "../errors.js";
import {
  appendDurably,
  replaceFile,
  syncDirectory,
  truncateDurably,
  writeAll,
  writeNewFile,
} from "../util/durable-fs.js";
import { journalTempPath } from "./journal-sidecar.js";
import { CREATE_SUFFIX, removeCompactionDebris, writeCompacted } from "./journal-compact.js";
import { headerLine, PATCH_FIELD_SET } from "./journal-format.js";
import type { JournalIndex } from "./journal-index.js";
import { loadJournal, type LoadedJournal, type Repair } from "./journal-load.js";
import { filesLeftBehind, findLostJournal, LOST_MEMBER, lostJournalError } from "./journal-lost.js";
import { checkCleanSize, cleanField, cleanOffset, writeCleanSize } from "./journal-mark.js";
import { saveSnapshot } from "./snapshot-file.js";
import { acquireStateLock, type StateLock } from "./state-lock.js";
import type { RowState, RowStatePatch, StateStore } from "./state-store.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

export interface NdjsonStateStoreOptions {
  /**
   * Take `<path>.lock` for the store's lifetime. Without it the store is a reader (e.g. a dry run): opening never
   * creates, repairs or compacts the file, since a locked run may be appending to it right now; only a first
   * `update()` does, and then the caller must guarantee no one else writes. @default true
   */
  lock?: boolean;
  /** Clock for `updatedAt` and the header's `createdAt`. @default () => new Date() */
  now?: () => Date;
  /** Told about repairs (a torn last line) and taken-over locks. @default ignore */
  /** `said`: the warning as a catalog Text, for the person's language. */
  onWarning?: (message: string, said?: Text) => void;
  /** Never compact a journal with fewer record lines than this. @default 1000 */
  compactMinRecords?: number;
  /**
   * Keep a clean mark in the header (journal-mark.ts) and refuse a journal cut short mid-file. sync() turns it on; off
   * by default so a bare store writes the plain format. @default false
   */
  mark?: boolean;
  /**
   * Keep `<path>.snap` (snapshot-file.ts) for journals of at least this many keys: written when a run that holds the
   * lock closes the journal, read at open instead of replaying every line. @default 1000
   */
  snapshotMinRecords?: number;
  /**
   * A journal whose records are gone (journal-lost.ts: emptied, or missing while its snapshot or learnt file remain)
   * is refused with STATE_LOST unless this is set; then a new journal replaces it and the store says `lost`. The
   * `--new-journal` flag. @default false
   */
  replaceLost?: boolean;
  /**
   * When the journal does not exist yet, look for files an earlier journal left beside it (journal-lost.ts) — a lock
   * too — and mark the new one as started after a lost journal. sync() turns it on. @default false
   */
  detectLost?: boolean;
}

export type NdjsonStateStore = StateStore;

const DEFAULT_COMPACT_MIN_RECORDS = 1000;
const DEFAULT_SNAPSHOT_MIN_RECORDS = 1000;

/**
 * Opens (creating if needed) the append-only NDJSON journal (docs/journal.md): a header line, then one PATCH per line
 * (`{"k": key, …changed fields…, "t": iso}`) merged into the key's record on replay, so every durable write stays
 * one short line. A torn last line (a crash mid-write) is cut away with a warning; any other damage is a
 * STATE_CORRUPT ConfigError — the journal is what stops a second WhatsApp message, so it is never reset silently.
 */
export async function openNdjsonStateStore(
  filePath: string,
  options: NdjsonStateStoreOptions = {},
): Promise<NdjsonStateStore> {
  const now = options.now ?? (() => new Date());
  const warn = (said: Text) => options.onWarning?.(english(said), said);
  let lock: StateLock | undefined;
  // Before the lock is taken: a lock file a killed run left is one of the files that outlive a journal.
  const leftBehind = options.detectLost ? await filesLeftBehind(filePath) : [];
  if (options.lock !== false) {
    await mkdir(path.dirname(filePath), { recursive: true });
    lock = await acquireStateLock(filePath, { ...(options.onWarning ? { onWarning: options.onWarning } : {}), now });
  }
  try {
    if (lock) await removeCompactionDebris(filePath);
    let loaded = await loadJournal(filePath, now, headerMembers(options.mark === true, leftBehind.length > 0), {
      snapshot: true,
    });
    const lost = await findLostJournal(filePath, loaded.found);
    if (lost && !options.replaceLost) throw lostJournalError(lost);
    // Replaced on the person's word: the new header must say so too (an emptied file has nothing "left behind").
    if (lost && !loaded.lost) {
      loaded = await loadJournal(filePath, now, headerMembers(options.mark === true, true), { snapshot: true });
    }
    if (lost || (loaded.repair.create && leftBehind.length > 0)) {
      warn(
        lost
          ? text("state.replacedLost", { file: filePath, how: lost.how })
          : text("state.lostStarted", { file: filePath, left: leftBehind }),
      );
    }
    if (options.mark) checkCleanSize(filePath, loaded.cleanSize, loaded.fileSize);
    if (loaded.repair.truncateTo !== undefined) {
      warn(text("state.incompleteLine", { file: filePath }));
    }
    const store = new NdjsonStore(filePath, loaded, lock, {
      now,
      warn,
      compactMinRecords: options.compactMinRecords ?? DEFAULT_COMPACT_MIN_RECORDS,
      snapshotMinRecords: options.snapshotMinRecords ?? DEFAULT_SNAPSHOT_MIN_RECORDS,
      mark: options.mark === true,
    });
    // Holding the lock, no one can be mid-write: repair now, so a journal that cannot be written fails at open.
    if (lock) await store.prepareForWriting();
    return store;
  } catch (error) {
    await lock?.release().catch(() => {});
    throw error;
  }
}

/** The header's extra members: the lost-journal mark (kept through compactions) and the clean mark. */
function headerMembers(mark: boolean, lost: boolean): string {
  return [lost ? LOST_MEMBER : "", mark ? cleanField() : ""].filter(Boolean).join(",");
}

interface StoreSettings {
  mark: boolean;
  now: () => Date;
  warn: (said: Text) => void;
  compactMinRecords: number;
  snapshotMinRecords: number;
}

interface PendingLine {
  line: string;
  record: RowState;
  resolve: (record: RowState) => void;
  reject: (error: unknown) => void;
}

class NdjsonStore implements StateStore {
  readonly path: string;
  readonly fresh: boolean;
  readonly lost: boolean;
  /** Opened by the first write (or at open when locked); a reader never touches the file. */
  #handle: FileHandle | undefined;
  #repair: Repair;
  readonly #records: JournalIndex;
  #recordLines: number;
  readonly #lock: StateLock | undefined;
  readonly #settings: StoreSettings;
  #queue: PendingLine[] = [];
  #drain: Promise<void> | undefined;
  #failure: SyncError | undefined;
  #closed: Promise<void> | undefined;
  /** After a failed compaction, wait for this many lines before trying again instead of retrying every batch. */
  #compactNotBefore = 0;
  /** Where the header's clean size sits (journal-mark.ts); a compaction writes a new header. */
  #cleanOffset: number | undefined;
  /** The size the header's clean mark holds now. */
  #cleanSize: number | undefined;
  /** The journal size the snapshot on disk covers, while it still describes this journal (not after a compaction). */
  #snapshotAt: number | undefined;

  constructor(filePath: string, loaded: LoadedJournal, lock: StateLock | undefined, settings: StoreSettings) {
    this.path = filePath;
    this.fresh = loaded.records.size === 0;
    this.lost = loaded.lost;
    this.#records = loaded.records;
    this.#recordLines = loaded.recordLines;
    this.#repair = loaded.repair;
    this.#cleanOffset = loaded.cleanOffset;
    this.#cleanSize = loaded.cleanSize;
    this.#snapshotAt = loaded.snapshotAt;
    this.#lock = lock;
    this.#settings = settings;
  }

  /** Applies the planned repair and opens the append handle. Idempotent. */
  async prepareForWriting(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    const { truncateTo, append, create } = this.#repair;
    const dir = path.dirname(this.path);
    if (create) await mkdir(dir, { recursive: true });
    // Created whole, header included: a kill can never leave an empty journal, which is therefore always damage.
    if (create) await createWhole(this.path, append);
    if (truncateTo !== undefined) await truncateDurably(this.path, truncateTo);
    const handle = await open(this.path, "a");
    try {
      if (append && !create) await appendDurably(handle, append);
      if (create) await syncDirectory(dir);
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
    this.#repair = { truncateTo: undefined, append: "", create: false };
    this.#handle = handle;
    return handle;
  }

  /** Records the journal's size as clean in its header (journal-mark.ts). Only for the lock holder, at close. */
  async #markClean(): Promise<void> {
    if (!this.#settings.mark || !this.#handle || !this.#lock || this.#cleanOffset === undefined) return;
    const { size } = await this.#handle.stat();
    // A run that changed nothing (a scheduled re-run of an unchanged sheet) skips the write and its fsync.
    if (size === this.#cleanSize) return;
    await writeCleanSize(this.path, this.#cleanOffset, size);
    this.#cleanSize = size;
  }

  /**
   * Writes `<path>.snap` for the next open, when this run holds the lock and the journal grew well past the snapshot
   * it was opened from (a few lines more are cheaper to replay than a whole table to rewrite). A cache: when it
   * cannot be written the next open replays the journal, as without it.
   */
  async #saveSnapshot(): Promise<void> {
    if (!this.#lock || !this.#handle || this.#records.size < this.#settings.snapshotMinRecords) return;
    try {
      const { size } = await this.#handle.stat();
      const journal = {
        path: this.path,
        recordLines: this.#recordLines,
        snapshotAt: this.#snapshotAt,
        records: this.#records.values(),
        count: this.#records.size,
      };
      await saveSnapshot(journal, size);
    } catch (error) {
      this.#settings.warn(text("state.snapshotNotSaved", { file: this.path, message: textOf(error) }));
    }
  }

  get size(): number {
    return this.#records.size;
  }

  get(key: string): RowState | undefined {
    return this.#records.get(key);
  }

  entries(): IterableIterator<RowState> {
    return this.#records.values();
  }

  update(key: string, patch: RowStatePatch): Promise<RowState> {
    if (this.#closed) return Promise.reject(new InternalError(`state store ${this.path} was updated after close()`));
    if (this.#failure) return Promise.reject(this.#failure);
    if (typeof key !== "string" || key === "") {
      return Promise.reject(new InternalError(`state store ${this.path}: update needs a non-empty row key`));
    }
    const updatedAt = this.#settings.now().toISOString();
    const next: Record<string, unknown> = { ...this.#records.get(key), key, updatedAt };
    const written: Record<string, unknown> = { k: key };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined || field === "key" || field === "updatedAt") continue;
      if (!PATCH_FIELD_SET.has(field)) {
        return Promise.reject(new InternalError(`state store ${this.path}: "${field}" is not a row state field`));
      }
      next[field] = value === null ? undefined : value;
      written[field] = value;
    }
    written.t = updatedAt;
    // Memory moves first so later patches to the same key merge onto this one, in call order.
    const record = this.#records.set(next as unknown as RowState);
    return new Promise<RowState>((resolve, reject) => {
      this.#queue.push({ line: `${JSON.stringify(written)}\n`, record, resolve, reject });
      this.#drain ??= this.#drainQueue();
    });
  }

  /**
   * The single writer. Everything queued while one write + datasync is in flight goes out as the next single
   * write + datasync (group commit), so N concurrent workers cost about one fsync per round, not N.
   */
  async #drainQueue(): Promise<void> {
    try {
      // Let updates issued in the same tick join the first batch.
      await Promise.resolve();
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        try {
          const handle = await this.prepareForWriting();
          await appendDurably(handle, batch.map((pending) => pending.line).join(""));
        } catch (error) {
          this.#fail(error, batch);
          break;
        }
        this.#recordLines += batch.length;
        for (const pending of batch) pending.resolve(pending.record);
        await this.#compactIfNeeded();
      }
    } finally {
      // Cleared in the same step as the empty-queue check, so an update arriving now always starts a new drain.
      this.#drain = undefined;
    }
  }

  #fail(error: unknown, batch: PendingLine[]): void {
    this.#failure = new RunAbortedError(
      "STATE_WRITE_FAILED",
      text("state.writeFailed", { file: this.path, message: textOf(error) }),
      { cause: error, context: { file: this.path } },
    );
    for (const pending of [...batch, ...this.#queue]) pending.reject(this.#failure);
    this.#queue = [];
  }

  async #compactIfNeeded(): Promise<void> {
    // A reader that never wrote must not rewrite a journal a locked run may be appending to.
    if (!this.#handle) return;
    const lines = this.#recordLines;
    if (lines <= 2 * this.#records.size || lines <= this.#settings.compactMinRecords) return;
    if (lines < this.#compactNotBefore) return;
    try {
      await this.#compact();
    } catch (error) {
      if (this.#failure) return; // already reported to every waiting and future update
      this.#compactNotBefore = lines + Math.max(this.#records.size, this.#settings.compactMinRecords);
      this.#settings.warn(text("state.compactFailed", { file: this.path, message: textOf(error) }));
    }
  }

  /**
   * Write-temp, datasync, rename (journal-compact.ts), fsync-dir: a crash at any point leaves either the old journal
   * or the new one, never a mix. Updates queued meanwhile are already in the snapshot; appending them again afterwards is harmless
   * because replaying a patch onto a record that already contains it changes nothing.
   */
  async #compact(): Promise<void> {
    const dir = path.dirname(this.path);
    const header = headerLine(this.#settings.now(), headerMembers(this.#settings.mark, this.lost));
    const offset = cleanOffset(header);
    await writeCompacted(this.path, header, this.#records.values());
    let fresh: FileHandle;
    try {
      await syncDirectory(dir);
      fresh = await open(this.path, "a");
    } catch (error) {
      // The old handle now points at the replaced file: appending there would be lost, so stop the store.
      this.#fail(error, []);
      throw error;
    }
    const old = this.#handle;
    this.#handle = fresh;
    this.#cleanOffset = offset;
    this.#cleanSize = 0;
    this.#snapshotAt = undefined;
    this.#recordLines = this.#records.size;
    await old?.close().catch(() => {});
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    try {
      while (this.#drain) await this.#drain;
      if (!this.#failure) await this.#compactIfNeeded();
      if (!this.#failure) await this.#markClean().catch(() => {});
      if (!this.#failure) await this.#saveSnapshot();
      await this.#handle?.close();
    } finally {
      await this.#lock?.release();
    }
  }
}

/** Writes `content` to a temp file beside `filePath`, flushes it and renames it into place. */
async function createWhole(filePath: string, content: string): Promise<void> {
  await replaceFile(filePath, journalTempPath(filePath, CREATE_SUFFIX), (temp) =>
    writeNewFile(temp, async (handle) => {
      await writeAll(handle, content);
      await handle.datasync();
    }),
  );
}
