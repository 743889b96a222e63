import path from "node:path";
import { ConfigError } from "../errors.js";
import type { RowState } from "./state-store.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";

/**
 * The journal file format: a header line `{"v":1,"type":"header","createdAt":…}`, then one PATCH per line
 * (`{"k": key, …changed fields…, "t": iso}`), merged into the key's record on replay; `null` clears a field.
 */
export const FORMAT_VERSION = 1;
/** How every header line starts (see headerLine). */
export const TORN_HEADER_PREFIX = '{"v":';

export type PatchField = Exclude<keyof RowState, "key" | "updatedAt">;

/** Every field a record may carry. Anything else in a patch is a bug, and must never reach the file (secrets). */
export const PATCH_FIELDS = [
  "number",
  "phone",
  "chatAddId",
  "addStatus",
  "addDialogOwed",
  "hash",
  "pendingHash",
  "noteHash",
  "dialogHash",
  "dialogStatus",
  "messageHash",
  "messageId",
  "messageStatus",
  "fileHash",
  "fileId",
  "fileStatus",
  "nameHash",
  "contextHash",
  "held",
  "lastOutcome",
  "errorCode",
  "error",
  "rowNumber",
  "syncedAt",
] as const satisfies readonly PatchField[];
// Fails to compile when RowState gains a field PATCH_FIELDS does not list, so the new field is never dropped silently.
const allFieldsListed: [Exclude<PatchField, (typeof PATCH_FIELDS)[number]>] extends [never] ? true : never = true;
void allFieldsListed;
export const PATCH_FIELD_SET: ReadonlySet<string> = new Set<string>(PATCH_FIELDS);

/** `extra` is raw JSON members appended to the header (the clean mark of journal-mark.ts). */
export function headerLine(createdAt: Date, extra = ""): string {
  const header = JSON.stringify({ v: FORMAT_VERSION, type: "header", createdAt: createdAt.toISOString() });
  return `${extra ? `${header.slice(0, -1)},${extra}}` : header}\n`;
}

/** Full record as a line: what compaction writes. */
export function recordLine(record: RowState): string {
  const out: Record<string, unknown> = { k: record.key };
  for (const field of PATCH_FIELDS) if (record[field] !== undefined) out[field] = record[field];
  out.t = record.updatedAt;
  return `${JSON.stringify(out)}\n`;
}

export function corrupt(filePath: string, lineNumber: number, what: Text): ConfigError {
  return new ConfigError(
    "STATE_CORRUPT",
    text("state.corrupt", { file: filePath, line: lineNumber, what, name: path.basename(filePath) }),
    { context: { file: filePath, line: lineNumber } },
  );
}

/** Parses one line as a JSON object, or throws STATE_CORRUPT naming the line. */
export function parseLine(filePath: string, lineNumber: number, line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw corrupt(filePath, lineNumber, text("state.corrupt.notJson"));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw corrupt(filePath, lineNumber, text("state.corrupt.notObject"));
  }
  return value as Record<string, unknown>;
}

export function checkHeader(filePath: string, lineNumber: number, object: Record<string, unknown>): void {
  if (object.type !== "header") {
    throw corrupt(filePath, lineNumber, text("state.corrupt.noHeader"));
  }
  if (object.v !== FORMAT_VERSION) {
    throw corrupt(
      filePath,
      lineNumber,
      text("state.corrupt.version", { found: String(JSON.stringify(object.v)), expected: FORMAT_VERSION }),
    );
  }
}

/** The key of a record line, or STATE_CORRUPT. */
export function recordKey(filePath: string, lineNumber: number, object: Record<string, unknown>): string {
  const key = object.k;
  if (typeof key !== "string" || key === "") {
    throw corrupt(filePath, lineNumber, text("state.corrupt.noKey"));
  }
  return key;
}

/** Merges a patch line into a record (a fresh one when `base` is undefined); `null` clears a field. */
export function mergePatch(key: string, base: RowState | undefined, patch: Record<string, unknown>): RowState {
  const next: Record<string, unknown> = base === undefined ? { key, updatedAt: "" } : { ...base };
  for (const field of PATCH_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    next[field] = value === null ? undefined : value;
  }
  if (typeof patch.t === "string") next.updatedAt = patch.t;
  return next as unknown as RowState;
}
