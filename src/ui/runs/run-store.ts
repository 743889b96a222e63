import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ID_PATTERN, type AppFolder } from "../app-folder.js";
import { notFound } from "../http/http-error.js";
import { ui } from "../ui-language.js";
import { writeJsonAtomic } from "../write-atomic.js";
import type { RunRecord } from "./run-record.js";

/** run.json of every run folder: the history is this list, so it survives the server. */
export class RunStore {
  constructor(private readonly folder: AppFolder) {}

  async read(id: string): Promise<RunRecord> {
    try {
      return JSON.parse(await readFile(join(this.folder.runDir(id), "run.json"), "utf8")) as RunRecord;
    } catch {
      throw notFound(ui.t("ui.server.run.notFound"));
    }
  }

  write(record: RunRecord): Promise<void> {
    return writeJsonAtomic(join(this.folder.runDir(record.id), "run.json"), record);
  }

  /** Every readable run, newest first (ids begin with their start time). */
  async list(): Promise<RunRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.folder.runsDir);
    } catch {
      return [];
    }
    const records: RunRecord[] = [];
    for (const name of names
      .filter((n) => ID_PATTERN.test(n))
      .sort()
      .reverse()) {
      try {
        records.push(await this.read(name));
      } catch {
        // A folder whose run.json was never written (the server died creating it): not a run.
      }
    }
    return records;
  }
}

/** Whether a process still runs (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
