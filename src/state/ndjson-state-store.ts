import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { ConfigError, AbortError, InternalError, SyncError } from "../errors.js";
import { acquireStateLock, type StateLock } from "./state-lock.js";
import type { RowState, StateStore } from "./state-store.js";

type PatchField = Exclude<keyof RowState, "key" | "updatedAt">;

/** `undefined` (or absent) leaves a field as is, `null` clears it (the contract's RowStatePatch, structurally). */
type Patch = { [K in PatchField]?: RowState[K] | null };

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
  onWarning?: (message: string) => void;
  /** Never compact a journal with fewer record lines than this. @default 1000 */
  compactMinRecords?: number;
}

export type NdjsonStateStore = StateStore;

const FORMAT_VERSION = 1;
/** How every header line starts (see the header written on create). */
const TORN_HEADER_PREFIX = '{"v":';
const NEWLINE = 0x0a;
const DEFAULT_COMPACT_MIN_RECORDS = 1000;
/** Compaction writes in slices so a 100 000-key snapshot never sits in memory as one string. */
const COMPACT_CHUNK_CHARS = 1 << 20;
const COMPACT_SUFFIX = ".compact.tmp";

/** Every field a record may carry. Anything else in a patch is a bug, and must never reach the file (secrets). */
const PATCH_FIELDS = [
  "number",
  "phone",
  "chatAddId",
  "addStatus",
  "hash",
  "pendingHash",
  "noteHash",
  "dialogHash",
  "lastOutcome",
  "errorCode",
  "error",
  "rowNumber",
  "syncedAt",
] as const satisfies readonly PatchField[];
// Fails to compile when RowState gains a field PATCH_FIELDS does not list, so the new field is never dropped silently.
const allFieldsListed: [Exclude<PatchField, (typeof PATCH_FIELDS)[number]>] extends [never] ? true : never = true;
void allFieldsListed;
const PATCH_FIELD_SET: ReadonlySet<string> = new Set<string>(PATCH_FIELDS);

type MutableRow = { -readonly [K in keyof RowState]: RowState[K] };

/**
 * Opens (creating if needed) the append-only NDJSON journal of SPEC §6: a header line, then one PATCH per line
 * (`{"k": key, …changed fields…, "t": iso}`) merged into the key's record on replay, so every durable write stays
 * one short line. A torn last line (a crash mid-write) is cut away with a warning; any other damage is a
 * STATE_CORRUPT ConfigError — the journal is what stops a second WhatsApp message, so it is never reset silently.
 */
export async function openNdjsonStateStore(
  filePath: string,
  options: NdjsonStateStoreOptions = {},
): Promise<NdjsonStateStore> {
  const now = options.now ?? (() => new Date());
  const warn = options.onWarning ?? (() => {});
  let lock: StateLock | undefined;
  if (options.lock !== false) {
    await mkdir(path.dirname(filePath), { recursive: true });
    lock = await acquireStateLock(filePath, { onWarning: warn, now });
  }
  try {
    if (lock) await removeCompactionDebris(filePath);
    const loaded = await loadJournal(filePath, now);
    if (loaded.repair.truncateTo !== undefined) {
      warn(`state file ${filePath}: ignored an incomplete last line (the previous run was killed mid-write)`);
    }
    const store = new NdjsonStore(filePath, loaded, lock, {
      now,
      warn,
      compactMinRecords: options.compactMinRecords ?? DEFAULT_COMPACT_MIN_RECORDS,
    });
    // Holding the lock, no one can be mid-write: repair now, so a journal that cannot be written fails at open.
    if (lock) await store.prepareForWriting();
    return store;
  } catch (error) {
    await lock?.release().catch(() => {});
    throw error;
  }
}

/** A run killed mid-compaction leaves its temp file; with the lock held, no one else can be writing it. */
async function removeCompactionDebris(filePath: string): Promise<void> {
  const prefix = `.${path.basename(filePath)}.`;
  const names = await readdir(path.dirname(filePath));
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(COMPACT_SUFFIX)) {
      await unlink(path.join(path.dirname(filePath), name)).catch(() => {});
    }
  }
}

/** What must happen to the file before the next append. */
interface Repair {
  /** Cut a torn last line away. */
  truncateTo: number | undefined;
  /** A header for a new file, or the newline a complete-but-unterminated last record is missing. */
  append: string;
  /** The file does not exist yet (its directory entry must be made durable). */
  create: boolean;
}

interface LoadedJournal {
  records: Map<string, RowState>;
  recordLines: number;
  repair: Repair;
}

/** Reads and replays the journal without changing it: repairs are only planned, never applied here. */
async function loadJournal(filePath: string, now: () => Date): Promise<LoadedJournal> {
  let buffer: Buffer | undefined;
  try {
    buffer = await readFile(filePath);
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "ENOENT") {
      // A directory, a permission problem…: the user's path is wrong, not our code.
      throw new ConfigError(
        "STATE_UNREADABLE",
        `Cannot read the state file ${filePath} (${code ?? (error as Error).message}). Point --state at a file path you can write.`,
        {
          cause: error,
        },
      );
    }
    buffer = undefined;
  }
  const create = buffer === undefined;
  buffer ??= Buffer.alloc(0);
  let end = buffer.length;
  let truncateTo: number | undefined;
  let missingNewline = false;
  if (end > 0) {
    const terminated = buffer[end - 1] === NEWLINE;
    const lastStart = terminated ? lineStart(buffer, end - 1) : lineStart(buffer, end);
    const lastText = buffer.toString("utf8", lastStart, terminated ? end - 1 : end);
    // A cut anywhere before the closing brace leaves invalid JSON; a cut exactly before "\n" leaves a complete,
    // unacknowledged record that is safe to keep (it was written ahead of its effect).
    if (lastText.trim() !== "" && !isValidJson(lastText)) {
      // Only a journal can have a torn tail: a lone unreadable line must be the start of our own header (a crash while
      // creating the file); anything else is some other file that --state points at, and is never truncated.
      const tornHeader = lastText.startsWith(TORN_HEADER_PREFIX) || TORN_HEADER_PREFIX.startsWith(lastText);
      if (lastStart === 0 && !tornHeader) {
        throw corrupt(filePath, 1, "this is not a chatguru-sync state file (no header line)");
      }
      truncateTo = lastStart;
      end = lastStart;
    } else if (!terminated) {
      missingNewline = true;
    }
  }

  const records = new Map<string, MutableRow>();
  let recordLines = 0;
  let sawHeader = false;
  const text = buffer.toString("utf8", 0, end);
  let lineNumber = 0;
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf("\n", from);
    if (to === -1) to = text.length;
    const line = text.slice(from, to);
    from = to + 1;
    lineNumber++;
    if (line.length === 0 || line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw corrupt(filePath, lineNumber, "this line is not valid JSON");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw corrupt(filePath, lineNumber, "this line is not a JSON object");
    }
    const object = value as Record<string, unknown>;
    if (!sawHeader) {
      checkHeader(filePath, lineNumber, object);
      sawHeader = true;
      continue;
    }
    applyRecord(filePath, lineNumber, object, records);
    recordLines++;
  }

  let append = "";
  if (!sawHeader) append = headerLine(now());
  else if (missingNewline) append = "\n";
  for (const record of records.values()) Object.freeze(record);
  return { records, recordLines, repair: { truncateTo, append, create } };
}

function lineStart(buffer: Buffer, endExclusive: number): number {
  // Buffer#lastIndexOf treats a negative offset as counted from the end, so guard the first line explicitly.
  return endExclusive <= 0 ? 0 : buffer.lastIndexOf(NEWLINE, endExclusive - 1) + 1;
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function checkHeader(filePath: string, lineNumber: number, object: Record<string, unknown>): void {
  if (object.type !== "header") {
    throw corrupt(filePath, lineNumber, "the first line is not a chatguru-sync state header");
  }
  if (object.v !== FORMAT_VERSION) {
    throw corrupt(
      filePath,
      lineNumber,
      `the header declares format version ${JSON.stringify(object.v)}, this chatguru-sync reads version ` +
        `${FORMAT_VERSION} (was it written by a newer release?)`,
    );
  }
}

function applyRecord(
  filePath: string,
  lineNumber: number,
  object: Record<string, unknown>,
  records: Map<string, MutableRow>,
): void {
  const key = object.k;
  if (typeof key !== "string" || key === "") {
    throw corrupt(filePath, lineNumber, 'this record has no row key ("k")');
  }
  let record = records.get(key);
  if (record === undefined) {
    record = { key, updatedAt: "" };
    records.set(key, record);
  }
  const target = record as Record<string, unknown>;
  for (const field of PATCH_FIELDS) {
    const value = object[field];
    if (value === undefined) continue;
    // Assigning undefined rather than `delete`: deleting a property turns the object into a slow dictionary, and a
    // 100 000-key journal is read on every row of a re-run.
    target[field] = value === null ? undefined : value;
  }
  if (typeof object.t === "string") record.updatedAt = object.t;
}

function corrupt(filePath: string, lineNumber: number, what: string): ConfigError {
  return new ConfigError(
    "STATE_CORRUPT",
    `state file ${filePath} is damaged at line ${lineNumber}: ${what}. Nothing was changed. To start with a fresh ` +
      `state, move the file away (e.g. rename it to ${path.basename(filePath)}.bad); every row will then be treated ` +
      `as never synced.`,
    { context: { file: filePath, line: lineNumber } },
  );
}

function headerLine(createdAt: Date): string {
  return `${JSON.stringify({ v: FORMAT_VERSION, type: "header", createdAt: createdAt.toISOString() })}\n`;
}

/** Full record as a line: what compaction writes, and what replay reduces a key's patches to. */
function recordLine(record: RowState): string {
  const out: Record<string, unknown> = { k: record.key };
  for (const field of PATCH_FIELDS) if (record[field] !== undefined) out[field] = record[field];
  out.t = record.updatedAt;
  return `${JSON.stringify(out)}\n`;
}

interface StoreSettings {
  now: () => Date;
  warn: (message: string) => void;
  compactMinRecords: number;
}

interface PendingLine {
  line: string;
  record: RowState;
  resolve: (record: RowState) => void;
  reject: (error: unknown) => void;
}

class NdjsonStore implements StateStore {
  readonly path: string;
  /** Opened by the first write (or at open when locked); a reader never touches the file. */
  #handle: FileHandle | undefined;
  #repair: Repair;
  readonly #records: Map<string, RowState>;
  #recordLines: number;
  readonly #lock: StateLock | undefined;
  readonly #settings: StoreSettings;
  #queue: PendingLine[] = [];
  #drain: Promise<void> | undefined;
  #failure: SyncError | undefined;
  #closed: Promise<void> | undefined;
  /** After a failed compaction, wait for this many lines before trying again instead of retrying every batch. */
  #compactNotBefore = 0;

  constructor(filePath: string, loaded: LoadedJournal, lock: StateLock | undefined, settings: StoreSettings) {
    this.path = filePath;
    this.#records = loaded.records;
    this.#recordLines = loaded.recordLines;
    this.#repair = loaded.repair;
    this.#lock = lock;
    this.#settings = settings;
  }

  /** Applies the planned repair and opens the append handle. Idempotent. */
  async prepareForWriting(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    const { truncateTo, append, create } = this.#repair;
    const dir = path.dirname(this.path);
    if (create) await mkdir(dir, { recursive: true });
    if (truncateTo !== undefined) await truncateDurably(this.path, truncateTo);
    const handle = await open(this.path, "a");
    try {
      if (append) await appendDurably(handle, append);
      if (create) await syncDirectory(dir);
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
    this.#repair = { truncateTo: undefined, append: "", create: false };
    this.#handle = handle;
    return handle;
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

  update(key: string, patch: Patch): Promise<RowState> {
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
    const record = Object.freeze(next as unknown as RowState);
    // Memory moves first so later patches to the same key merge onto this one, in call order.
    this.#records.set(key, record);
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
    const message = error instanceof Error ? error.message : String(error);
    this.#failure = new AbortError(
      "STATE_WRITE_FAILED",
      `could not write the state file ${this.path}: ${message}. The run stopped so that no request goes out ` +
        `without being recorded; fix the cause (disk full? permissions?) and re-run`,
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
      const message = error instanceof Error ? error.message : String(error);
      this.#settings.warn(`state file ${this.path}: could not compact (${message}); still appending`);
    }
  }

  /**
   * Write-temp, datasync, rename, fsync-dir: a crash at any point leaves either the old journal or the new one,
   * never a mix. Updates queued meanwhile are already in the snapshot; appending them again afterwards is harmless
   * because replaying a patch onto a record that already contains it changes nothing.
   */
  async #compact(): Promise<void> {
    const dir = path.dirname(this.path);
    const tempPath = path.join(
      dir,
      `.${path.basename(this.path)}.${process.pid}.${randomBytes(4).toString("hex")}${COMPACT_SUFFIX}`,
    );
    const temp = await open(tempPath, "wx");
    try {
      let chunk = headerLine(this.#settings.now());
      for (const record of this.#records.values()) {
        chunk += recordLine(record);
        if (chunk.length >= COMPACT_CHUNK_CHARS) {
          await writeAll(temp, chunk);
          chunk = "";
        }
      }
      await writeAll(temp, chunk);
      await temp.datasync();
    } catch (error) {
      await temp.close().catch(() => {});
      await unlink(tempPath).catch(() => {});
      throw error;
    }
    await temp.close();
    try {
      await rename(tempPath, this.path);
    } catch (error) {
      await unlink(tempPath).catch(() => {});
      throw error;
    }
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
      await this.#handle?.close();
    } finally {
      await this.#lock?.release();
    }
  }
}

async function appendDurably(handle: FileHandle, text: string): Promise<void> {
  await writeAll(handle, text);
  await handle.datasync();
}

async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

async function truncateDurably(filePath: string, length: number): Promise<void> {
  const handle = await open(filePath, "r+");
  try {
    await handle.truncate(length);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Makes a create or rename durable. Some platforms cannot open or fsync a directory; there it is best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EACCES") throw error;
  } finally {
    await handle?.close().catch(() => {});
  }
}

function errnoCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}
