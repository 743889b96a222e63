import { open, type FileHandle } from "node:fs/promises";
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
