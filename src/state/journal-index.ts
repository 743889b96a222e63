import { PATCH_FIELDS } from "./journal-format.js";
import type { RowState } from "./state-store.js";

/**
 * The in-memory index of the journal: one fixed-shape, frozen record per key. A scheduled sync of a 1 000 000-row
 * sheet opens this every few minutes (SPEC §9: ≤ 400 MB, ≤ 3 s). JSON.parse gives every record its own property
 * layout and its own copy of every string; one class shape and shared strings (the number is usually the key, the
 * outcome and add status are a handful of words, syncedAt is usually updatedAt) cut the index to about a third.
 */
export class JournalIndex {
  readonly #rows = new Map<string, RowState>();

  get size(): number {
    return this.#rows.size;
  }

  has(key: string): boolean {
    return this.#rows.has(key);
  }

  get(key: string): RowState | undefined {
    return this.#rows.get(key);
  }

  /** Stores a compact frozen copy and returns it. */
  set(record: RowState): RowState {
    const row = new Row(record.key, record, record.updatedAt);
    this.#rows.set(row.key, row);
    return row;
  }

  /**
   * Replay of a key's first journal line: the line's fields ARE the record (`null` = absent), so it becomes a row
   * without an intermediate merged object — the common case, one line per key after a compaction.
   */
  setFromLine(key: string, line: Record<string, unknown>): void {
    this.#rows.set(key, new Row(key, line as Fields, typeof line.t === "string" ? line.t : ""));
  }

  values(): IterableIterator<RowState> {
    return this.#rows.values();
  }
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
type Fields = { [K in keyof RowState]?: RowState[K] | null };

/** Fields most records carry: always own properties, in one fixed layout. */
const COMMON = new Set<string>([
  "number",
  "phone",
  "chatAddId",
  "addStatus",
  "hash",
  "lastOutcome",
  "rowNumber",
  "syncedAt",
]);
/** Fields only some records carry (notes, dialogs, messages, errors…): own properties only when set. */
const RARE = PATCH_FIELDS.filter((field) => !COMMON.has(field));
/** Short values that repeat across records (statuses, codes): shared instead of copied per record. */
const WORDY = new Set<string>(["messageStatus", "fileStatus", "errorCode"]);

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
  declare readonly noteHash?: string;
  declare readonly dialogHash?: string;
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
    const self = this as unknown as Record<string, unknown>;
    for (const field of RARE) {
      const value = r[field];
      if (value === null || value === undefined) continue;
      self[field] =
        field === "pendingHash" && value === r.hash ? this.hash : WORDY.has(field) ? shared(value as string) : value;
    }
    Object.freeze(this);
  }
}
