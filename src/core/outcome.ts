/** Final (or provisional) outcome of a row. */
export type Outcome = "created" | "updated" | "unchanged" | "pending" | "invalid" | "duplicate" | "failed";
