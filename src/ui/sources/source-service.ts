import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { isSyncError } from "../../errors.js";
import { parseSheetsSpec } from "../../sheets/sheets-spec.js";
import { slugify } from "../../state/state-id.js";
import { type AppFolder, nameStem, newId } from "../app-folder.js";
import type { EnvReader } from "../connection/connection.js";
import { badRequest, toHttpError, type ApiErrorBody } from "../http/http-error.js";
import { ui } from "../ui-language.js";
import { writeJsonAtomic } from "../write-atomic.js";
import { inspectSource, readRows, type Inspection } from "./inspect-source.js";
import { SourceStore, type ReadChoice, type SourceRecord } from "./source-record.js";
import { fileKind, receiveUpload, safeFileName } from "./upload.js";

/** The Source of docs/ui-api.md: the record, how it was read and what is in it. */
export interface SourceView {
  id: string;
  name: string;
  kind: SourceRecord["kind"];
  createdAt: string;
  size?: number;
  url?: string;
  read: Inspection["read"] & { chosen: ReadChoice };
  header: string[];
  rowCount: number;
  sample?: Inspection["sample"];
  columns?: Inspection["columns"];
  mapping: { path: string; saved: boolean };
  error?: ApiErrorBody;
}

const INSPECTION = "inspection.json";

/** Uploads, Sheets links and how each is read: what the Arquivo and Colunas pages work on. */
export class SourceService {
  readonly store: SourceStore;

  constructor(
    private readonly folder: AppFolder,
    private readonly env: EnvReader,
  ) {
    this.store = new SourceStore(folder);
  }

  /** A file streamed to `<sources>/<id>/<name>`; kept even when it cannot be read yet (the read may be changed). */
  async upload(req: IncomingMessage, rawName: string | null, limit: number): Promise<SourceView> {
    const name = safeFileName(rawName ?? "");
    if (name === "") throw badRequest("UI_UPLOAD_NAME", ui.t("ui.server.uploadName"));
    const kind = fileKind(name);
    const id = newId();
    const dir = this.folder.sourceDir(id);
    await mkdir(dir, { recursive: true });
    let size: number;
    try {
      size = await receiveUpload(req, join(dir, name), limit);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const record: SourceRecord = {
      id,
      name,
      kind,
      createdAt: new Date().toISOString(),
      file: name,
      size,
      stem: nameStem(name),
      chosen: {},
    };
    await this.store.create(record);
    return this.view(record, { full: true });
  }

  /** A Google Sheet: read once now, so a link without access is said at once and nothing is kept. */
  async sheets(url: string, sheet: string | undefined): Promise<SourceView> {
    let spec;
    try {
      spec = parseSheetsSpec(url.trim(), sheet);
    } catch (error) {
      throw toHttpError(error, ui.t("ui.server.source.sheetsLink"));
    }
    if (!spec) throw badRequest("UI_SHEETS_LINK", ui.t("ui.server.source.sheetsLink"), { field: "url" });
    const record: SourceRecord = {
      id: newId(),
      name: sheet ?? spec.spreadsheetId,
      kind: "sheets",
      createdAt: new Date().toISOString(),
      url: url.trim(),
      stem: "",
      chosen: sheet ? { sheet } : {},
    };
    let inspection: Inspection;
    try {
      inspection = await inspectSource(this.store.open(record, this.env.merged()));
    } catch (error) {
      throw toHttpError(error, ui.t("ui.server.source.unreadable"));
    }
    const tab = inspection.sheetTitle ?? record.name;
    record.name = tab;
    record.stem = `planilha-${slugify(tab)}-${slugify(spec.spreadsheetId.slice(0, 6))}`;
    await this.store.create(record);
    await this.#cache(record, inspection);
    return this.view(record, { full: true });
  }

  async get(id: string): Promise<SourceView> {
    return this.view(await this.store.get(id), { full: true });
  }

  async list(): Promise<SourceView[]> {
    const records = await this.store.list();
    return Promise.all(records.map((record) => this.view(record, { full: false })));
  }

  /** Reads the file again as the person chose (null/absent = detect again). */
  async changeRead(id: string, choice: ReadChoice): Promise<SourceView> {
    const record = await this.store.get(id);
    record.chosen = choice;
    await this.store.save(record);
    await rm(join(this.folder.sourceDir(id), INSPECTION), { force: true });
    return this.view(record, { full: true });
  }

  async rows(id: string, offset: number, limit: number) {
    const record = await this.store.get(id);
    try {
      return { offset, ...(await readRows(this.store.open(record, this.env.merged()), offset, limit)) };
    } catch (error) {
      throw toHttpError(error, ui.t("ui.server.source.unreadable"));
    }
  }

  mappingPath(record: SourceRecord): string {
    return this.folder.mappingPath(record.stem);
  }

  /** The inspection of the current read choice: from the cache, else by reading the file (the error kept in the view). */
  async inspection(record: SourceRecord): Promise<Inspection | { error: ApiErrorBody }> {
    const file = join(this.folder.sourceDir(record.id), INSPECTION);
    const key = JSON.stringify(record.chosen);
    try {
      const cached = JSON.parse(await readFile(file, "utf8")) as { key: string; inspection: Inspection };
      if (cached.key === key) return cached.inspection;
    } catch {
      // Not read yet with this choice.
    }
    try {
      const inspection = await inspectSource(this.store.open(record, this.env.merged()));
      await this.#cache(record, inspection);
      return inspection;
    } catch (error) {
      if (!isSyncError(error)) throw error;
      return { error: toHttpError(error, ui.t("ui.server.source.unreadable")).body };
    }
  }

  #cache(record: SourceRecord, inspection: Inspection): Promise<void> {
    const file = join(this.folder.sourceDir(record.id), INSPECTION);
    return writeJsonAtomic(file, { key: JSON.stringify(record.chosen), inspection });
  }

  async view(record: SourceRecord, { full }: { full: boolean }): Promise<SourceView> {
    const found = await this.inspection(record);
    const mappingPath = this.mappingPath(record);
    const base = {
      id: record.id,
      name: record.name,
      kind: record.kind,
      createdAt: record.createdAt,
      ...(record.size !== undefined ? { size: record.size } : {}),
      ...(record.url !== undefined ? { url: record.url } : {}),
      mapping: { path: this.folder.shown(mappingPath), saved: existsSync(mappingPath) },
    };
    if ("error" in found) {
      return {
        ...base,
        read: { ...record.chosen, chosen: record.chosen },
        header: [],
        rowCount: 0,
        error: found.error,
      };
    }
    return {
      ...base,
      read: { ...found.read, chosen: record.chosen },
      header: found.header,
      rowCount: found.rowCount,
      ...(full ? { sample: found.sample, columns: found.columns } : {}),
    };
  }
}
