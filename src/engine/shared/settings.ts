/** What the run does with a row's chat: only create it, only update it, or update it and create it when missing. */
export type SyncMode = "create" | "update" | "upsert";

export interface PollSchedule {
  /** First chat_add_status after a fresh chat_add: adds take 1–30 s, most settle within a few. @default 3000 */
  firstMs: number;
  /** Growth per poll. @default 1.5 */
  factor: number;
  /** Longest gap between polls, so a slow add is still seen within half a minute. @default 30000 */
  maxMs: number;
}

export const DEFAULT_POLL_SCHEDULE: Readonly<PollSchedule> = Object.freeze({
  firstMs: 3_000,
  factor: 1.5,
  maxMs: 30_000,
});
