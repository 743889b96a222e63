import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { ConfigError } from "../errors.js";
import { errnoCode } from "../util/errno.js";
import {
  checkHeader,
  corrupt,
  headerLine,
  mergePatch,
  parseLine,
  recordKey,
  TORN_HEADER_PREFIX,
} from "./journal-format.js";
import { JournalIndex } from "./journal-index.js";
import { cleanOffset, cleanSizeOf } from "./journal-mark.js";
import { isLostHeader, LOST_MEMBER, type JournalFound } from "./journal-lost.js";
import { readHead, readSnapshot } from "./snapshot-file.js";
import type { SnapshotTable } from "./snapshot-table.js";
import { text as msg } from "../messages/text.js";

/** What must happen to the file before the next append. */
export interface Repair {
  /** Cut a torn last line away. */
  truncateTo: number | undefined;
  /** A header for a new file, or the newline a complete-but-unterminated last record is missing. */
  append: string;
  /** The file does not exist yet (its directory entry must be made durable). */
  create: boolean;
}

export interface LoadedJournal {
  records: JournalIndex;
  recordLines: number;
  repair: Repair;
  /** The header's createdAt (changes with every compaction), undefined for a new file. */
  createdAt: string | undefined;
  /** Size in bytes after the planned repair. */
  size: number;
  /** Size in bytes as found, before any repair (0 for a new file). */
  fileSize: number;
  /** The header's clean size (journal-mark.ts), when it has one. */
  cleanSize: number | undefined;
  /** Byte offset of the clean size's digits in the file, when the header has them. */
  cleanOffset: number | undefined;
  /** The journal size its snapshot (snapshot-file.ts) covered, when one was read: only later lines were replayed. */
  snapshotAt: number | undefined;
  /** What the file held: a journal, nothing (no file), no content at all, or only the start of a header. */
  found: JournalFound;
  /** Its header marks it as started after a lost journal (journal-lost.ts). */
  lost: boolean;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Reads and replays the journal without changing it: repairs are only planned, never applied here. Streamed in 1 MB
 * chunks so a 1 000 000-key journal never sits in memory as one buffer plus one string.
 */
export async function loadJournal(
  filePath: string,
  now: () => Date,
  headerExtra = "",
  options: { snapshot?: boolean } = {},
): Promise<LoadedJournal> {
  const snapshot = options.snapshot ? await usableSnapshot(filePath) : undefined;
  const replay = new Replay(filePath, snapshot);
  const size = await streamLines(filePath, (line, tail) => replay.line(line, tail), snapshot?.table.info.journalSize);
  if (size === undefined) {
    const header = headerLine(now(), headerExtra);
    return {
      records: replay.records,
      recordLines: 0,
      repair: { truncateTo: undefined, append: header, create: true },
      createdAt: undefined,
      size: 0,
      fileSize: 0,
      cleanSize: undefined,
      cleanOffset: cleanOffset(header),
      snapshotAt: undefined,
      found: "none",
      lost: headerExtra.includes(LOST_MEMBER),
    };
  }
  return replay.finish(size, now, headerExtra);
}

interface UsableSnapshot {
  table: SnapshotTable;
  /** The journal's header line, as the replay of the lines after the snapshot needs it. */
  header: string;
}

/** The journal's snapshot when it still matches the journal (snapshot-file.ts), else undefined: replay it all. */
async function usableSnapshot(filePath: string): Promise<UsableSnapshot | undefined> {
  const head = await readHead(filePath);
  if (head === undefined) return undefined;
  const table = await readSnapshot(filePath, head);
  return table && { table, header: head.text };
}

/** Calls `onLine` for every complete line; the unterminated tail (if any) is handed over last with `tail: true`. */
async function streamLines(
  filePath: string,
  onLine: (line: string, tail: boolean) => void,
  /** Where to start reading (a line boundary); the returned size still counts from 0. */
  start = 0,
): Promise<number | undefined> {
  let handle;
  try {
    handle = await open(filePath, "r");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT") return undefined;
    // A directory, a permission problem…: the user's path is wrong, not our code.
    throw unreadable(filePath, code, error);
  }
  try {
    const decoder = new StringDecoder("utf8");
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let rest = "";
    let size = start;
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, size));
      } catch (error) {
        throw unreadable(filePath, errnoCode(error), error);
      }
      if (bytesRead === 0) break;
      size += bytesRead;
      const text = rest + decoder.write(buffer.subarray(0, bytesRead));
      let from = 0;
      for (let to = text.indexOf("\n"); to !== -1; to = text.indexOf("\n", from)) {
        onLine(text.slice(from, to), false);
        from = to + 1;
      }
      rest = text.slice(from);
    }
    rest += decoder.end();
    onLine(rest, true);
    return size;
  } finally {
    await handle.close();
  }
}

function unreadable(filePath: string, code: string | undefined, error: unknown): ConfigError {
  return new ConfigError(
    "STATE_UNREADABLE",
    msg("state.unreadable", { file: filePath, reason: code ?? (error as Error).message }),
    { cause: error },
  );
}

/**
 * Replays lines one behind the reader: only the last line may be torn by a crash (a cut anywhere before the closing
 * brace leaves invalid JSON), so every earlier line must parse and the last one is judged in `finish`.
 */
class Replay {
  readonly records: JournalIndex;
  recordLines = 0;
  #snapshotAt: number | undefined;
  #lineNumber = 0;
  #held: string | undefined;
  #createdAt: string | undefined;
  #cleanSize: number | undefined;
  #cleanOffset: number | undefined;
  #lost = false;
  #sawHeader = false;
  #tornHeader = false;
  #tail = "";

  constructor(
    readonly filePath: string,
    snapshot?: UsableSnapshot,
  ) {
    this.records = new JournalIndex(snapshot?.table);
    if (snapshot === undefined) return;
    // The snapshot stands for every line up to its size; the header line is read again for its clean mark.
    const { table, header } = snapshot;
    this.recordLines = table.info.recordLines;
    this.#apply(header);
    this.#lineNumber = table.info.lineCount;
    this.#snapshotAt = table.info.journalSize;
  }

  line(text: string, tail: boolean): void {
    if (tail) {
      this.#tail = text;
      return;
    }
    if (this.#held !== undefined) this.#apply(this.#held);
    this.#held = text;
  }

  finish(size: number, now: () => Date, headerExtra: string): LoadedJournal {
    let truncateTo: number | undefined;
    let missingNewline = false;
    const tail = this.#tail;
    if (tail.trim() !== "") {
      if (this.#held !== undefined) this.#apply(this.#held);
      if (this.#tornOrApply(tail)) truncateTo = size - Buffer.byteLength(tail);
      else missingNewline = true;
    } else if (this.#held !== undefined && this.#tornOrApply(this.#held)) {
      truncateTo = size - Buffer.byteLength(tail) - Buffer.byteLength(this.#held) - 1;
    }
    const append = !this.#sawHeader ? headerLine(now(), headerExtra) : missingNewline ? "\n" : "";
    return {
      records: this.records,
      recordLines: this.recordLines,
      repair: { truncateTo, append, create: false },
      createdAt: this.#createdAt,
      size: (truncateTo ?? size) + Buffer.byteLength(append),
      fileSize: size,
      cleanSize: this.#sawHeader ? this.#cleanSize : undefined,
      cleanOffset: this.#sawHeader ? this.#cleanOffset : cleanOffset(append),
      snapshotAt: this.#snapshotAt,
      found: this.#sawHeader ? "journal" : this.#tornHeader ? "torn-header" : "empty",
      lost: this.#sawHeader ? this.#lost : headerExtra.includes(LOST_MEMBER),
    };
  }

  /** The last line: applied when it parses, else reported torn (true) — unless it cannot be a torn journal line. */
  #tornOrApply(text: string): boolean {
    if (text.trim() === "" || isJson(text)) {
      this.#apply(text);
      return false;
    }
    // Only a journal can have a torn tail: a lone unreadable line must be the start of our own header (a crash while
    // creating the file); anything else is some other file that --state points at, and is never truncated.
    const tornHeader = text.startsWith(TORN_HEADER_PREFIX) || TORN_HEADER_PREFIX.startsWith(text);
    if (this.#lineNumber === 0 && !tornHeader) {
      throw corrupt(this.filePath, 1, msg("state.corrupt.notState"));
    }
    if (this.#lineNumber === 0) this.#tornHeader = true;
    return true;
  }

  #apply(text: string): void {
    this.#lineNumber++;
    if (text.length === 0 || text.trim() === "") return;
    const object = parseLine(this.filePath, this.#lineNumber, text);
    if (!this.#sawHeader) {
      checkHeader(this.filePath, this.#lineNumber, object);
      this.#sawHeader = true;
      this.#createdAt = typeof object.createdAt === "string" ? object.createdAt : undefined;
      this.#cleanSize = cleanSizeOf(object);
      this.#cleanOffset = this.#cleanSize === undefined ? undefined : cleanOffset(text);
      this.#lost = isLostHeader(object);
      return;
    }
    const key = recordKey(this.filePath, this.#lineNumber, object);
    const base = this.records.get(key);
    if (base === undefined) this.records.setFromLine(key, object);
    else this.records.set(mergePatch(key, base, object));
    this.recordLines++;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
