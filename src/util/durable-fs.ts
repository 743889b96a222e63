import { open, rename, rm, type FileHandle } from "node:fs/promises";
import { errnoCode } from "./errno.js";

/** Writes `text` at the handle's position and datasyncs: durable when the promise resolves. */
export async function appendDurably(handle: FileHandle, text: string): Promise<void> {
  await writeAll(handle, text);
  await handle.datasync();
}

/** `handle.write` may write fewer bytes than asked (disk nearly full, signals): loop until all are out. */
export async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

export async function truncateDurably(filePath: string, length: number): Promise<void> {
  const handle = await open(filePath, "r+");
  try {
    await handle.truncate(length);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Makes a create or rename durable. Some platforms cannot open or fsync a directory; there it is best effort. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EACCES") throw error;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * Replaces `target` with the file `fill` writes at `temp`, by renaming the temp over it: a reader, or a kill at any
 * moment, sees the old file or the new one, never half of one. On any failure the temp is removed and the error
 * thrown, `target` untouched. `temp` must sit in target's folder (a rename does not cross file systems); each caller
 * names it so its own clean-up finds what a killed run left. How durable the new file is stays the caller's: `fill`
 * datasyncs when the file must survive a power cut (the journal's files), not when a re-run rebuilds it (results).
 */
export async function replaceFile(target: string, temp: string, fill: (temp: string) => Promise<void>): Promise<void> {
  try {
    await fill(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

/** Creates `path` (it must not exist yet), lets `write` fill it through the handle, and closes it. */
export async function writeNewFile(path: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const handle = await open(path, "wx");
  try {
    await write(handle);
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  await handle.close();
}
