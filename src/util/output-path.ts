import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { errnoCode } from "./errno.js";

/**
 * Longest file name (bytes) the tool writes for a user-chosen name. Most file systems allow 255 bytes per name, and
 * beside the name the tool writes `.<name>.<pid>.<random>.tmp` (atomic rename) or `<name>.lock`: leave room for those
 * so a long name fails at the start, not after requests were sent.
 */
const MAX_NAME_BYTES = 255 - 40;

export type OutputPathProblem =
  { kind: "not-a-file"; what: EntryKind } | { kind: "name-too-long" } | { kind: "parent-missing" };

/** What stands where a file should be; messages/ says it in words ("a folder", "uma pasta"). */
export type EntryKind = "folder" | "device" | "fifo" | "socket" | "other";

/**
 * What stops the tool from replacing `path` with a file of its own by temp file + rename. A rename replaces whatever
 * the name points at, so an existing entry must be a regular file: a device (as root, `/dev/null` itself would be
 * replaced), a fifo or a folder is refused. Undefined when the path is usable (it may not exist yet).
 */
export async function outputPathProblem(path: string): Promise<OutputPathProblem | undefined> {
  if (Buffer.byteLength(basename(path)) > MAX_NAME_BYTES) return { kind: "name-too-long" };
  try {
    const info = await stat(path);
    if (!info.isFile()) return { kind: "not-a-file", what: describe(info) };
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENAMETOOLONG") return { kind: "name-too-long" };
    if (code === "ENOTDIR") return { kind: "parent-missing" };
    // ENOENT: a new file, fine. Anything else surfaces when the folder is checked or the file is written.
  }
  return undefined;
}

function describe(info: Awaited<ReturnType<typeof stat>>): EntryKind {
  if (info.isDirectory()) return "folder";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "device";
  if (info.isFIFO()) return "fifo";
  if (info.isSocket()) return "socket";
  return "other";
}
