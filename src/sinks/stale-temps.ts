import { readdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * A run killed while writing (a second Ctrl-C, kill -9, a closed terminal) leaves its temp file beside the results —
 * `.leads.results.csv.<pid>.<hex>.tmp` (results-file.ts) — where the user sees it. The next run removes those whose
 * process is gone; a live one belongs to a run still writing (the journal lock keeps a second sync out, but a
 * validate --results or a dry run may share the folder), so it is left alone.
 */
export async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? ownerPid(name.slice(prefix.length)) : undefined;
    if (pid !== undefined && !alive(pid)) await unlink(join(dirname(path), name)).catch(() => {});
  }
}

function ownerPid(rest: string): number | undefined {
  const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(rest);
  return match ? Number(match[1]) : undefined;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
