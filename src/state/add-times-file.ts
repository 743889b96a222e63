import { randomBytes } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * `<journal>.adds.json` beside the journal: how long this account's chat_adds took to settle, as the last run learnt
 * it (engine/add-timings.ts), so a scheduled run polls its first adds at the learnt time instead of scouting from
 * SPEC §5's ~3 s again (a miss is a request, and scouting polls one add at a time). A cache like the snapshot: missing,
 * unreadable, stale or odd content only means the run starts from the default schedule.
 */
export const ADD_TIMES_SUFFIX = ".adds.json";
export const ADD_TIMES_TEMP_SUFFIX = ".adds.tmp";
/** An account's speed drifts: a week-old learning is dropped rather than trusted. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Ages beyond this are not add times (SPEC §2: 1–30 s, sometimes minutes). */
const MAX_MS = 3600 * 1000;
const MAX_SETTLES = 1000;

export interface LearntAddTimes {
  /** Ages (ms after the add's answer) at which adds were seen settled, oldest first. */
  settles: number[];
  /** The first poll's age the run had tuned, if it had one. */
  firstPoll?: number;
}

export function addTimesPath(journalPath: string): string {
  return `${journalPath}${ADD_TIMES_SUFFIX}`;
}

const isAge = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= MAX_MS;

/** What the last run learnt, or undefined (no file, another shape, older than a week). */
export async function readAddTimes(journalPath: string, now = Date.now()): Promise<LearntAddTimes | undefined> {
  let saved: { savedAt?: unknown; settles?: unknown; firstPoll?: unknown };
  try {
    saved = JSON.parse(await readFile(addTimesPath(journalPath), "utf8")) as typeof saved;
  } catch {
    return undefined;
  }
  const savedAt = typeof saved.savedAt === "string" ? Date.parse(saved.savedAt) : NaN;
  if (!(now - savedAt <= MAX_AGE_MS)) return undefined;
  const { settles, firstPoll } = saved;
  if (!Array.isArray(settles) || settles.length > MAX_SETTLES || !settles.every(isAge)) return undefined;
  return { settles, ...(isAge(firstPoll) ? { firstPoll } : {}) };
}

/** Replaces the file (temp + rename: a kill leaves the old one or the new one; the journal's open removes debris). */
export async function writeAddTimes(journalPath: string, times: LearntAddTimes, now = Date.now()): Promise<void> {
  const temp = path.join(
    path.dirname(journalPath),
    `.${path.basename(journalPath)}.${process.pid}.${randomBytes(4).toString("hex")}${ADD_TIMES_TEMP_SUFFIX}`,
  );
  const text = `${JSON.stringify({ savedAt: new Date(now).toISOString(), ...times })}\n`;
  const handle = await open(temp, "wx");
  try {
    await handle.writeFile(text);
    await handle.close();
    await rename(temp, addTimesPath(journalPath));
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
}
