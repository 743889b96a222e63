import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createSource } from "../../sources/create-source.js";
import type { Source } from "../../sources/source.js";
import type { AppFolder } from "../app-folder.js";
import { ID_PATTERN } from "../app-folder.js";
import type { Env } from "../connection/connection.js";
import { notFound } from "../http/http-error.js";
import { ui } from "../ui-language.js";
import { writeJsonAtomic } from "../write-atomic.js";

/** How the person asked the file to be read; absent = detected (the CLI's flags of the same names). */
export interface ReadChoice {
  encoding?: string;
  delimiter?: string;
  headerRow?: number;
  sheet?: string;
}

/** One uploaded file or Sheets link, as kept in `<sources>/<id>/source.json`. */
export interface SourceRecord {
  id: string;
  /** The name the person knows it by (the uploaded file's name, or the sheet's tab). */
  name: string;
  kind: "csv" | "xlsx" | "sheets";
  createdAt: string;
  /** Files: the file's name inside its folder, and its size. */
  file?: string;
  size?: number;
  /** Sheets: the link (or `sheets:ID`) as given. */
  url?: string;
  /** The mapping's name: `<stem>.mapping.json` in the app folder. */
  stem: string;
  chosen: ReadChoice;
}

const RECORD = "source.json";

/** Source records on disk: created on upload, read on every call (the server keeps no state a restart would lose). */
export class SourceStore {
  constructor(private readonly folder: AppFolder) {}

  async create(record: SourceRecord): Promise<void> {
    await mkdir(this.folder.sourceDir(record.id), { recursive: true });
    await this.save(record);
  }

  save(record: SourceRecord): Promise<void> {
    return writeJsonAtomic(join(this.folder.sourceDir(record.id), RECORD), record);
  }

  async get(id: string): Promise<SourceRecord> {
    try {
      return JSON.parse(await readFile(join(this.folder.sourceDir(id), RECORD), "utf8")) as SourceRecord;
    } catch {
      throw notFound(ui.t("ui.server.source.notFound"));
    }
  }

  /** Newest first (ids start with their creation time). */
  async list(): Promise<SourceRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.folder.sourcesDir);
    } catch {
      return [];
    }
    const records: SourceRecord[] = [];
    for (const name of names
      .filter((n) => ID_PATTERN.test(n))
      .sort()
      .reverse()) {
      try {
        records.push(await this.get(name));
      } catch {
        // An upload cut off before its record was written: nothing to show.
      }
    }
    return records;
  }

  /** The file on disk (files only). */
  filePath(record: SourceRecord): string | undefined {
    return record.file ? join(this.folder.sourceDir(record.id), record.file) : undefined;
  }

  /** What the library reads: the file or the sheet, read as the person chose. */
  spec(record: SourceRecord): string {
    return this.filePath(record) ?? record.url!;
  }

  /** The library's Source for this record, as `sync` and `validate` would build it from the same flags. */
  open(record: SourceRecord, env: Env, overrides: { path?: string } = {}): Source {
    return createSource(overrides.path ?? this.spec(record), {
      ...record.chosen,
      env: { ...env },
      cwd: this.folder.root,
    });
  }
}
