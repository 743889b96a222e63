import type { SnapshotTable } from "./snapshot-table.js";
import type { RowState } from "./state-store.js";

/**
 * The in-memory index of the journal: one fixed-shape, frozen record per key. A scheduled sync of a 1 000 000-row
 * sheet opens this every few minutes (`npm run bench` holds it to ≤ 400 MB and ≤ 3 s). JSON.parse gives every record its own property
 * layout and its own copy of every string; one class shape and shared strings (the number is usually the key, the
 * outcome and add status are a handful of words, syncedAt is usually updatedAt) cut the index to about a third.
 */
export class JournalIndex {
  readonly #rows = new Map<string, RowState>();
  /**
   * Records read from the journal's snapshot (snapshot-table.ts), decoded on demand; `#rows` holds every key set
   * since. A key of both is read from `#rows`.
   */
  readonly #base: SnapshotTable | undefined;
  /** Keys in `#rows` that the base does not have. */
  #added = 0;
  #lastStamp = "";

  constructor(base?: SnapshotTable) {
    this.#base = base;
  }

  get size(): number {
    return this.#base === undefined ? this.#rows.size : this.#base.count + this.#added;
  }

  has(key: string): boolean {
    return this.#rows.has(key) || (this.#base !== undefined && this.#base.find(key) >= 0);
  }

  get(key: string): RowState | undefined {
    // An unchanged re-run sets nothing: skip hashing every key for an empty map.
    const row = this.#rows.size === 0 ? undefined : this.#rows.get(key);
    if (row !== undefined || this.#base === undefined) return row;
    const at = this.#base.find(key);
    return at < 0 ? undefined : this.#base.row(at, key);
  }

  /** Stores a compact frozen copy and returns it. */
  set(record: RowState): RowState {
    const row = new Row(record.key, record, record.updatedAt);
    this.#put(row);
    return row;
  }

  /**
   * Replay of a key's first journal line: the line's fields ARE the record (`null` = absent), so it becomes a row
   * without an intermediate merged object — the common case, one line per key after a compaction.
   */
  setFromLine(key: string, line: Record<string, unknown>): void {
    const t = line.t;
    // Lines written in one group commit carry the same millisecond (about 3 lines a stamp in a real sync's journal,
    // every line in a bulk rewrite): one shared string for a run of equal stamps, less to hold and less for the GC.
    if (t !== this.#lastStamp && typeof t === "string") this.#lastStamp = t;
    this.#put(new Row(key, line as Fields, typeof t === "string" ? this.#lastStamp : ""));
  }

  #put(row: RowState): void {
    if (this.#base !== undefined && !this.#rows.has(row.key) && this.#base.find(row.key) < 0) this.#added++;
    this.#rows.set(row.key, row);
  }

  /** Every record once, in the order keys first appeared (a base key keeps its place when set again). */
  *values(): IterableIterator<RowState> {
    const base = this.#base;
    if (base === undefined) {
      yield* this.#rows.values();
      return;
    }
    for (let at = 0; at < base.count; at++) {
      const key = base.keyAt(at);
      yield this.#rows.get(key) ?? base.row(at, key);
    }
    for (const row of this.#rows.values()) if (base.find(row.key) < 0) yield row;
  }
}

/** A frozen record as the index keeps it, from its fields (a snapshot's decoded record). */
export function rowFrom(key: string, fields: Fields, updatedAt: string): RowState {
  return new Row(key, fields, updatedAt);
}

/** Words that recur on every record: one shared string each instead of one per record. */
const WORDS = new Map<string, string>();
function shared(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 16) return value;
  let word = WORDS.get(value);
  if (word === undefined && WORDS.size < 64) WORDS.set(value, (word = value));
  return word ?? value;
}

/** A record's fields as a record or a journal line holds them (`null` in a line means absent). */
export type Fields = { [K in keyof RowState]?: RowState[K] | null };

/**
 * A record as the index keeps it. The common fields are always present; a rare field is an own property only when it
 * has a value, so a record without notes, messages or errors (most of a 1 000 000-row journal) does not pay for a
 * dozen empty slots. `declare` keeps TypeScript from defining every field as an own `undefined` property.
 */
class Row implements RowState {
  readonly key: string;
  readonly number: string | undefined;
  readonly phone: string | undefined;
  readonly chatAddId: string | undefined;
  readonly addStatus: RowState["addStatus"];
  readonly hash: string | undefined;
  readonly lastOutcome: RowState["lastOutcome"];
  readonly rowNumber: number | undefined;
  readonly syncedAt: string | undefined;
  readonly updatedAt: string;
  declare readonly pendingHash?: string;
  declare readonly addDialogOwed?: boolean;
  declare readonly noteHash?: string;
  declare readonly dialogHash?: string;
  declare readonly dialogStatus?: string;
  declare readonly messageHash?: string;
  declare readonly messageId?: string;
  declare readonly messageStatus?: string;
  declare readonly fileHash?: string;
  declare readonly fileId?: string;
  declare readonly fileStatus?: string;
  declare readonly nameHash?: string;
  declare readonly contextHash?: string;
  declare readonly held?: boolean;
  declare readonly errorCode?: string;
  declare readonly error?: string;

  constructor(key: string, r: Fields, updatedAt: string) {
    this.key = key;
    this.number = r.number === key ? key : (r.number ?? undefined);
    this.phone = r.phone === key ? key : r.phone === r.number ? this.number : (r.phone ?? undefined);
    this.chatAddId = r.chatAddId ?? undefined;
    this.addStatus = shared(r.addStatus ?? undefined) as RowState["addStatus"];
    this.hash = r.hash ?? undefined;
    this.lastOutcome = shared(r.lastOutcome ?? undefined) as RowState["lastOutcome"];
    this.rowNumber = r.rowNumber ?? undefined;
    this.updatedAt = updatedAt;
    this.syncedAt = r.syncedAt === updatedAt ? updatedAt : (r.syncedAt ?? undefined);
    // Named reads, not a loop over PATCH_FIELDS: the loop's r[field] was a megamorphic keyed load per field per row,
    // the largest cost of building this index; named reads hit the one hidden class JSON.parse gives similar lines.
    // journal-index.test.ts fails when a PATCH_FIELDS entry is missing here.
    const self = this as unknown as Record<string, unknown>;
    let v;
    if ((v = r.pendingHash) != null) self.pendingHash = v === r.hash ? this.hash : v;
    if ((v = r.addDialogOwed) != null) self.addDialogOwed = v;
    if ((v = r.noteHash) != null) self.noteHash = v;
    if ((v = r.dialogHash) != null) self.dialogHash = v;
    if ((v = r.dialogStatus) != null) self.dialogStatus = shared(v);
    if ((v = r.messageHash) != null) self.messageHash = v;
    if ((v = r.messageId) != null) self.messageId = v;
    if ((v = r.messageStatus) != null) self.messageStatus = shared(v);
    if ((v = r.fileHash) != null) self.fileHash = v;
    if ((v = r.fileId) != null) self.fileId = v;
    if ((v = r.fileStatus) != null) self.fileStatus = shared(v);
    if ((v = r.nameHash) != null) self.nameHash = v;
    if ((v = r.contextHash) != null) self.contextHash = v;
    if ((v = r.held) != null) self.held = v;
    if ((v = r.errorCode) != null) self.errorCode = shared(v);
    if ((v = r.error) != null) self.error = v;
    Object.freeze(this);
  }
}
