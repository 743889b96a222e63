import { access, readdir } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../errors.js";
import { LEARNT_SUFFIX, learntPath } from "./learnt-file.js";
import { SNAPSHOT_SUFFIX, snapshotPath } from "./snapshot-file.js";
import { text } from "../messages/text.js";

/**
 * A journal whose records are gone although a journal existed: the file is empty (0 bytes, or only blank lines), or
 * it is missing (or holds only the start of a header) while files that only a run which wrote records leaves beside
 * it — its snapshot, what it learnt — are still there.
 *
 * Why it is refused: the journal is the only record of which notes were added and which dialogs and messages went
 * out (ChatGuru offers no list to check against). Taken as a first run, every note would be added again. This tool
 * never leaves such a file itself — it creates a journal whole (temp file, then rename) and only appends to it — so
 * an empty one was emptied by something else (a `> file`, a failed copy or sync, a file system that lost its content).
 * A torn header alone with nothing beside it is still recovered: that is a journal an older release was creating when
 * it was killed, before any record. The lock file does not count: a run killed before creating the journal leaves one.
 */
export interface LostJournal {
  path: string;
  how: "empty" | "missing" | "torn";
  /** The files beside it that show a journal existed. */
  beside: string[];
}

/** What the journal file looked like at open (journal-load.ts). */
export type JournalFound = "journal" | "none" | "empty" | "torn-header";

/** The journal's loss, or undefined when it is a journal, or a first run with nothing beside it. */
export async function findLostJournal(journalPath: string, found: JournalFound): Promise<LostJournal | undefined> {
  if (found === "journal") return undefined;
  const beside = await besideJournal(journalPath);
  if (found === "empty") return { path: journalPath, how: "empty", beside };
  if (beside.length === 0) return undefined;
  return { path: journalPath, how: found === "none" ? "missing" : "torn", beside };
}

/** Files a run that wrote records leaves beside its journal. */
export async function besideJournal(journalPath: string): Promise<string[]> {
  const candidates = [snapshotPath(journalPath), learntPath(journalPath)];
  const present = await Promise.all(
    candidates.map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return candidates.filter((_, i) => present[i]);
}

/** STATE_LOST (exit 2): nothing was sent; restore the journal, or start a new one knowingly. */
export function lostJournalError(lost: LostJournal): ConfigError {
  const names = lost.beside.map((file) => path.basename(file));
  return new ConfigError("STATE_LOST", text("state.lost", { file: lost.path, how: lost.how, names }), {
    context: { file: lost.path, how: lost.how, ...(lost.beside.length > 0 ? { beside: lost.beside } : {}) },
  });
}

/**
 * A journal started in place of a lost one — replaced with --new-journal, or missing while a lock or temp file it kept
 * beside it remains (those alone are not refused: a run killed before creating its journal leaves a lock) — says so
 * in its header (`"lost":true`). Every later run, the first one interrupted or not, then holds the same sends to
 * chats that already exist until a person releases them (engine/follow-ups/hold-rule.ts).
 */
export const LOST_MEMBER = '"lost":true';

/** Whether a header (parsed) marks its journal as started after a lost one. */
export function isLostHeader(header: Record<string, unknown>): boolean {
  return header.lost === true;
}

/**
 * The files beside a journal that outlive it: what runs learnt, its snapshot, its lock (a run killed holding it), and
 * the temp files a killed run leaves. Empty when the journal itself exists (then nothing was lost) or nothing is left.
 */
export async function filesLeftBehind(journalPath: string): Promise<string[]> {
  const dir = path.dirname(journalPath);
  const base = path.basename(journalPath);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  if (names.includes(base)) return [];
  const beside = [`${base}${LEARNT_SUFFIX}`, `${base}${SNAPSHOT_SUFFIX}`, `${base}.lock`];
  return names.filter((name) => beside.includes(name) || (name.startsWith(`.${base}.`) && name.endsWith(".tmp")));
}
