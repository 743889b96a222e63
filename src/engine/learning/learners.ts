import type { Text } from "../../core/text.js";
import { textOf } from "../../errors.js";
import { text } from "../../messages/text.js";
import { readLearnt, writeLearnt, type Learnt } from "../../state/learnt-file.js";
import { AddTimings } from "./add-timings.js";
import type { CredentialsCheck } from "../transport/credentials-check.js";
import { UpsertStrategy } from "./upsert-strategy.js";

/** The run's learners (see docs/request-strategy.md), started from what earlier runs learnt (state/learnt-file.ts). */
export interface Learners {
  addTimings: AddTimings;
  upsert: UpsertStrategy;
  /** When ChatGuru last accepted the credentials (the run sets `acceptedAt` when it got such an answer). */
  credentials: CredentialsCheck;
  /** What the file held at the start (the run holds the journal's lock: nobody else writes it meanwhile). */
  carried: Learnt;
}

export async function startLearners(journalPath: string): Promise<Learners> {
  const carried = await readLearnt(journalPath);
  const accepted = carried.credentialsAcceptedAt ? Date.parse(carried.credentialsAcceptedAt) : Number.NaN;
  return {
    addTimings: new AddTimings(carried.addTimes?.value),
    upsert: new UpsertStrategy("learn", carried.newRows?.value),
    credentials: Number.isNaN(accepted) ? {} : { lastAcceptedAt: accepted },
    carried,
  };
}

/**
 * Keeps what this run learnt for the next one (while the journal's lock is still held). A part this run learnt
 * nothing new about is kept as it was, with its own date, so a run without new rows does not forget the add times.
 * A cache: when it cannot be written, the next run learns again (said as a warning).
 */
export async function saveLearners(
  journalPath: string,
  learners: Learners,
  warn: (message: Text) => void,
): Promise<void> {
  const addTimes = learners.addTimings.learnt();
  const newRows = learners.upsert.learnt();
  const accepted = learners.credentials.acceptedAt;
  if (!addTimes && !newRows && accepted === undefined) return;
  try {
    const learntAt = new Date().toISOString();
    await writeLearnt(journalPath, {
      ...learners.carried,
      ...(addTimes ? { addTimes: { value: addTimes, learntAt } } : {}),
      ...(newRows ? { newRows: { value: newRows, learntAt } } : {}),
      ...(accepted !== undefined ? { credentialsAcceptedAt: new Date(accepted).toISOString() } : {}),
    });
  } catch (error) {
    warn(text("run.learntNotSaved", { message: textOf(error) }));
  }
}
