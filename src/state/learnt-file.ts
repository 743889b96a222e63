import { readFile } from "node:fs/promises";
import { replaceBesideJournal } from "./journal-sidecar.js";

/**
 * `<journal>.learnt.json` beside the journal: what the last run learnt about this account that makes the next one
 * cheaper (docs/request-strategy.md) — how long its chat_adds took to settle (engine/learning/add-timings.ts), so a scheduled
 * run polls its first adds at the learnt time instead of scouting from ~3 s again, and whether the rows the journal
 * did not know turned out new (engine/learning/upsert-strategy.ts), so the new leads of a scheduled run are added first instead
 * of probed blind — and when ChatGuru last accepted this journal's credentials, so a scheduled run whose rows need no
 * request still notices a revoked key within hours (engine/transport/credentials-check.ts). A cache like the snapshot: missing,
 * unreadable, stale or odd content only means starting afresh.
 */
export const LEARNT_SUFFIX = ".learnt.json";
export const LEARNT_TEMP_SUFFIX = ".learnt.tmp";
/** An account's speed and a sheet's mix drift: a week-old learning is dropped rather than trusted. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Ages beyond this are not add times (1–30 s, sometimes minutes). */
const MAX_MS = 3600 * 1000;
const MAX_ITEMS = 1000;

export interface LearntAddTimes {
  /** Ages (ms after the add's answer) at which adds were seen settled, oldest first. */
  settles: number[];
  /** The first poll's age the run had tuned, if it had one. */
  firstPoll?: number;
}

/** One learning and when it was learnt (each part ages on its own: a run with no new rows keeps the add times). */
export interface Stamped<T> {
  value: T;
  /** ISO time. */
  learntAt: string;
}

export interface Learnt {
  addTimes?: Stamped<LearntAddTimes>;
  /** Rows unknown to the journal, oldest first: true when the row's chat turned out new. */
  newRows?: Stamped<boolean[]>;
  /** ISO time ChatGuru last answered a request with these credentials (any answer but a refusal of them). */
  credentialsAcceptedAt?: string;
}

export function learntPath(journalPath: string): string {
  return `${journalPath}${LEARNT_SUFFIX}`;
}

const isAge = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= MAX_MS;

function addTimesOf(value: unknown): LearntAddTimes | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { settles, firstPoll } = value as { settles?: unknown; firstPoll?: unknown };
  if (!Array.isArray(settles) || settles.length > MAX_ITEMS || !settles.every(isAge)) return undefined;
  return { settles, ...(isAge(firstPoll) ? { firstPoll } : {}) };
}

function newRowsOf(value: unknown): boolean[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_ITEMS) return undefined;
  return value.every((v) => typeof v === "boolean") ? value : undefined;
}

/** A part of the file when it is sound and under a week old. */
function stamped<T>(part: unknown, read: (value: unknown) => T | undefined, now: number): Stamped<T> | undefined {
  if (typeof part !== "object" || part === null) return undefined;
  const { value, learntAt } = part as { value?: unknown; learntAt?: unknown };
  if (typeof learntAt !== "string" || !(now - Date.parse(learntAt) <= MAX_AGE_MS)) return undefined;
  const sound = read(value);
  return sound === undefined ? undefined : { value: sound, learntAt };
}

/** What earlier runs learnt, each part only when it is sound and recent (no file: nothing). */
export async function readLearnt(journalPath: string, now = Date.now()): Promise<Learnt> {
  let saved: { addTimes?: unknown; newRows?: unknown; credentialsAcceptedAt?: unknown };
  try {
    saved = JSON.parse(await readFile(learntPath(journalPath), "utf8")) as typeof saved;
  } catch {
    return {};
  }
  if (typeof saved !== "object" || saved === null) return {};
  const addTimes = stamped(saved.addTimes, addTimesOf, now);
  const newRows = stamped(saved.newRows, newRowsOf, now);
  const accepted = saved.credentialsAcceptedAt;
  // A time in the future (a clock set wrong) would put the next check off indefinitely: not trusted.
  const credentialsAcceptedAt =
    typeof accepted === "string" && Date.parse(accepted) <= now + 60_000 ? accepted : undefined;
  return {
    ...(addTimes ? { addTimes } : {}),
    ...(newRows ? { newRows } : {}),
    ...(credentialsAcceptedAt ? { credentialsAcceptedAt } : {}),
  };
}

/** Replaces the file (temp + rename: a kill leaves the old one or the new one; the journal's open removes debris). */
export async function writeLearnt(journalPath: string, learnt: Learnt): Promise<void> {
  const text = `${JSON.stringify(learnt)}\n`;
  await replaceBesideJournal(journalPath, learntPath(journalPath), LEARNT_TEMP_SUFFIX, (handle) =>
    handle.writeFile(text),
  );
}
