import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { replaceFile } from "../util/durable-fs.js";

/**
 * Writes through a temp file renamed over the target: a reader (the CLI, a page, the next start of the server) sees
 * the old file or the new one, never half of one — run.json is read back after a kill -9.
 */
export async function writeFileAtomic(path: string, text: string, options: { mode?: number } = {}): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  await replaceFile(path, temp, (at) => writeFile(at, text, { mode: options.mode ?? 0o644 }));
}

/** JSON files of the app (source.json, run.json), indented so a person can read them. */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
