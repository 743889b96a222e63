/** Final (or provisional) outcome of a row (SPEC §5). */
export type Outcome = "created" | "updated" | "unchanged" | "pending" | "invalid" | "duplicate" | "failed";
