import { readdir, unlink } from "node:fs/promises";
import path from "node:path";
import { replaceFile, writeAll, writeNewFile } from "../util/durable-fs.js";
import { journalTempPath } from "./journal-sidecar.js";
import { recordLine } from "./journal-format.js";
import { LEARNT_TEMP_SUFFIX } from "./learnt-file.js";
import { SNAPSHOT_TEMP_SUFFIX } from "./snapshot-file.js";
import type { RowState } from "./state-store.js";

/** Compaction writes in slices so a 100 000-key snapshot never sits in memory as one string. */
const COMPACT_CHUNK_CHARS = 1 << 20;
const COMPACT_SUFFIX = ".compact.tmp";
/** A new journal's temp file (ndjson-state-store.ts creates it whole). */
export const CREATE_SUFFIX = ".create.tmp";

/**
 * Writes `header` + one full record line per key to a temp file beside the journal, datasyncs it and renames it over
 * the journal: a crash at any point leaves either the old journal or the new one, never a mix. The caller fsyncs the
 * directory and reopens its append handle.
 */
export async function writeCompacted(filePath: string, header: string, records: Iterable<RowState>): Promise<void> {
  await replaceFile(filePath, journalTempPath(filePath, COMPACT_SUFFIX), (temp) =>
    writeNewFile(temp, async (handle) => {
      let chunk = header;
      for (const record of records) {
        chunk += recordLine(record);
        if (chunk.length >= COMPACT_CHUNK_CHARS) {
          await writeAll(handle, chunk);
          chunk = "";
        }
      }
      await writeAll(handle, chunk);
      await handle.datasync();
    }),
  );
}

const TEMP_SUFFIXES = [COMPACT_SUFFIX, CREATE_SUFFIX, SNAPSHOT_TEMP_SUFFIX, LEARNT_TEMP_SUFFIX];

/** A run killed mid-compaction leaves its temp file; with the lock held, no one else can be writing it. */
export async function removeCompactionDebris(filePath: string): Promise<void> {
  const prefix = `.${path.basename(filePath)}.`;
  const names = await readdir(path.dirname(filePath));
  for (const name of names) {
    // The snapshot's and learnt file's temp files too (snapshot-file.ts, learnt-file.ts): same lock, same leftovers.
    if (name.startsWith(prefix) && TEMP_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
      await unlink(path.join(path.dirname(filePath), name)).catch(() => {});
    }
  }
}
