import { existsSync } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChatGuruConnection } from "../../chatguru/types.js";
import { parseMapping, type LoadedMapping } from "../../mapping/load-mapping.js";
import type { SyncOptions } from "../../sync.js";
import { newId, type AppFolder } from "../app-folder.js";
import { resolveSettings, type EnvReader } from "../connection/connection.js";
import { HttpError, badRequest, toHttpError } from "../http/http-error.js";
import type { Secrets } from "../http/respond.js";
import { reachesPeople } from "../plan/first-requests.js";
import type { SourceRecord } from "../sources/source-record.js";
import type { SourceService } from "../sources/source-service.js";
import { fixFor, ui } from "../ui-language.js";
import { ActiveRun } from "./active-run.js";
import {
  ACTIVE_STATES,
  CONTINUABLE_STATES,
  emptyRunCounts,
  runView,
  type RunRecord,
  type RunView,
} from "./run-record.js";
import { processAlive, RunStore } from "./run-store.js";

export interface RunManagerOptions {
  folder: AppFolder;
  sources: SourceService;
  env: EnvReader;
  secrets: Secrets;
  /** `ui --rate/--concurrency`: every run's pace. */
  defaults: { rate: number; concurrency: number };
  /** Any other sync() option for every run (tests give a short poll schedule). */
  runOptions?: Partial<SyncOptions>;
  /** Throttle of the live events (tests shorten it). @default 250 ms */
  minEventIntervalMs?: number;
}

export interface StartRequest {
  sourceId: string;
  consent: boolean;
  retryFailed: boolean;
  releaseHeld: boolean;
}

/** What a run reads: its file (or sheet), its mapping text, and how to name its results. */
interface RunInput {
  source: SourceRecord;
  /** A file to link into the run folder, or the sheet's link. */
  file?: { path: string; name: string };
  url?: string;
  mappingText: string;
  mapping: LoadedMapping;
  options: RunRecord["options"];
  total: number | null;
  resumedFrom?: string;
}

/**
 * The server's runs: started, stopped and continued here, owned by the server (a closed page changes nothing), at most
 * one per journal (the journal's lock is the CLI's, so a terminal run and a page run exclude each other too). The
 * history is the run folders; a run a dead server left `running` is shown `interrupted`, and Continuar resumes it
 * from the journal — the library then repeats no chat_add and no message.
 */
export class RunManager {
  readonly #store: RunStore;
  readonly #active = new Map<string, { run: ActiveRun; done: Promise<void> }>();
  /** Mappings whose run is being set up: two clicks on Iniciar envio must not both pass the check. */
  readonly #starting = new Set<string>();

  constructor(private readonly options: RunManagerOptions) {
    this.#store = new RunStore(options.folder);
  }

  /** At start: runs a dead server left moving were interrupted (their journal knows how far they got). */
  async recover(): Promise<void> {
    for (const record of await this.#store.list()) {
      if (!ACTIVE_STATES.has(record.state) || this.#active.has(record.id)) continue;
      if (record.pid !== process.pid && processAlive(record.pid)) continue;
      record.state = "interrupted";
      record.etaSeconds = null;
      await this.#store.write(record);
    }
  }

  /** Runs still moving (one that has just ended may be held a moment longer while its files are written). */
  activeIds(): string[] {
    return [...this.#active.entries()].filter(([, { run }]) => ACTIVE_STATES.has(run.record.state)).map(([id]) => id);
  }

  activeRun(id: string): ActiveRun | undefined {
    return this.#active.get(id)?.run;
  }

  async get(id: string): Promise<RunRecord> {
    return this.#active.get(id)?.run.record ?? (await this.#store.read(id));
  }

  async list(): Promise<RunView[]> {
    const records = await this.#store.list();
    return records.map((record) => runView(this.#active.get(record.id)?.run.record ?? record));
  }

  async start(request: StartRequest): Promise<RunView> {
    const source = await this.options.sources.store.get(request.sourceId);
    const mappingPath = this.options.sources.mappingPath(source);
    if (!existsSync(mappingPath))
      throw new HttpError(422, { code: "UI_MAPPING_MISSING", message: ui.t("ui.server.mapping.missing") });
    const mappingText = await readFile(mappingPath, "utf8");
    const mapping = loadText(mappingText, mappingPath);
    if (reachesPeople(mapping) && !request.consent)
      throw badRequest("UI_CONSENT_REQUIRED", ui.t("ui.server.run.consentRequired"));
    const filePath = this.options.sources.store.filePath(source);
    const inspection = await this.options.sources.inspection(source);
    return this.#launch({
      source,
      ...(filePath ? { file: { path: filePath, name: source.file! } } : { url: source.url! }),
      mappingText,
      mapping,
      options: { retryFailed: request.retryFailed, releaseHeld: request.releaseHeld, ...this.options.defaults },
      total: "rowCount" in inspection ? inspection.rowCount : null,
    });
  }

  /** Continuar: a new run on the same file copy, mapping and journal as an interrupted, stopped or failed one. */
  async continue(id: string): Promise<RunView> {
    const before = await this.get(id);
    if (!CONTINUABLE_STATES.has(before.state))
      throw new HttpError(409, { code: "UI_NOT_CONTINUABLE", message: ui.t("ui.server.run.notContinuable") });
    // A run that has just ended may still be writing its files and run.json: let it finish first.
    await this.#active.get(id)?.done;
    const dir = this.options.folder.runDir(id);
    const mappingText = await readFile(join(dir, "mapping.json"), "utf8");
    const source = await this.options.sources.store.get(before.source.id).catch(() => undefined);
    const view = await this.#launch({
      source: source ?? {
        ...before.source,
        createdAt: before.startedAt,
        stem: "",
        chosen: before.chosen,
        ...(before.input.url ? { url: before.input.url } : {}),
      },
      ...(before.input.file
        ? { file: { path: join(dir, before.input.file), name: before.input.file } }
        : { url: before.input.url! }),
      mappingText,
      // The journal is named after the mapping file's path, so the copy is read as that file: same journal.
      mapping: loadText(mappingText, before.mappingPath),
      options: before.options,
      total: before.total,
      resumedFrom: id,
    });
    const latest = await this.get(id);
    latest.continuedBy = view.id;
    await this.#store.write(latest);
    return view;
  }

  async stop(id: string): Promise<RunView> {
    const active = this.#active.get(id);
    if (active) active.run.stop();
    return runView(await this.get(id));
  }

  /** Ctrl-C: every run stopped gracefully and written, then the server may exit. */
  async closeAll(): Promise<void> {
    const running = [...this.#active.values()];
    for (const { run } of running) run.stop(ui.t("ui.server.run.stoppedByServer"));
    await Promise.all(running.map(({ done }) => done));
  }

  async #launch(input: RunInput): Promise<RunView> {
    const { env } = this.options;
    const settings = resolveSettings(env.merged());
    if ("missing" in settings) {
      throw badRequest("CONFIG_CONNECTION_MISSING", ui.t("ui.server.connection.missing", { names: settings.missing }), {
        fix: fixFor("CONFIG_CONNECTION_MISSING")!,
      });
    }
    const busy = [...this.#active.values()].some(
      ({ run }) => ACTIVE_STATES.has(run.record.state) && run.record.mappingPath === input.mapping.path,
    );
    if (busy || this.#starting.has(input.mapping.path))
      throw new HttpError(409, { code: "UI_RUN_ACTIVE", message: ui.t("ui.server.run.active") });
    this.#starting.add(input.mapping.path);
    try {
      return await this.#begin(input, settings.connection);
    } finally {
      this.#starting.delete(input.mapping.path);
    }
  }

  async #begin(input: RunInput, connection: ChatGuruConnection): Promise<RunView> {
    const { folder, env } = this.options;
    const id = newId();
    const dir = folder.runDir(id);
    await mkdir(dir, { recursive: true });
    if (input.file) await linkOrCopy(input.file.path, join(dir, input.file.name));
    await writeFile(join(dir, "mapping.json"), input.mappingText);
    const plan = await copyPlan(folder.sourceDir(input.source.id), dir);
    const resultsName = resultsNameOf(input);
    const record = newRecord(id, input, folder.shown(input.mapping.path), plan);
    const run = new ActiveRun({
      record,
      dir,
      secrets: this.options.secrets,
      expectedFiles: { results: resultsName },
      ...(this.options.minEventIntervalMs !== undefined ? { minIntervalMs: this.options.minEventIntervalMs } : {}),
    });
    await run.save();
    const merged = env.merged();
    const { started, done } = run.run({
      ...this.options.runOptions,
      rate: input.options.rate,
      concurrency: input.options.concurrency,
      source: input.file ? join(dir, input.file.name) : input.url!,
      ...input.source.chosen,
      mapping: input.mapping,
      connection,
      results: join(dir, resultsName),
      cwd: folder.root,
      env: { ...merged },
      retryFailed: input.options.retryFailed,
      releaseHeld: input.options.releaseHeld,
    });
    this.#active.set(id, { run, done });
    void done.finally(() => this.#active.delete(id));
    try {
      await started;
    } catch (error) {
      // Nothing happened (the journal was locked, the file no longer fits the mapping): no run to keep in history.
      await done;
      await rm(dir, { recursive: true, force: true });
      throw toHttpError(error, ui.t("ui.server.run.failedToStart"));
    }
    return runView(record);
  }
}

function loadText(text: string, path: string): LoadedMapping {
  try {
    return parseMapping(text.replace(/^\uFEFF/, ""), path);
  } catch (error) {
    throw toHttpError(error, ui.t("ui.server.mapping.invalid"));
  }
}

/** `leads.csv` → `leads.results.csv`; a workbook's results are a workbook (as the CLI writes them). */
function resultsNameOf(input: RunInput): string {
  const base = input.file ? input.file.name.replace(/\.[^.]*$/, "") : input.source.stem || "planilha";
  return `${base}.results.${input.source.kind === "xlsx" ? "xlsx" : "csv"}`;
}

function newRecord(id: string, input: RunInput, mappingShown: string, plan: string | undefined): RunRecord {
  const { status, error } = input.mapping.write_back;
  const name = input.mapping.name;
  const nameColumn = typeof name === "string" ? name : name && "column" in name ? name.column : undefined;
  return {
    id,
    state: "running",
    startedAt: new Date().toISOString(),
    pid: process.pid,
    source: { id: input.source.id, name: input.source.name, kind: input.source.kind },
    input: input.file ? { file: input.file.name } : { url: input.url! },
    chosen: input.source.chosen,
    mappingPath: input.mapping.path,
    mapping: mappingShown,
    columns: {
      status: status ?? "chatguru_status",
      error: error ?? "chatguru_error",
      phone: input.mapping.phone.column,
      ...(nameColumn !== undefined ? { name: nameColumn } : {}),
    },
    options: input.options,
    total: input.total,
    counts: emptyRunCounts(),
    requests: 0,
    rate: 0,
    etaSeconds: null,
    lastProblems: [],
    notices: [],
    files: plan ? { plan } : {},
    ...(input.resumedFrom ? { resumedFrom: input.resumedFrom } : {}),
    lastEventId: 0,
  };
}

/** The run reads its own copy: a new upload or a changed read never changes what a run (or its Continuar) reads. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** The plan the person reviewed (the source's last dry run), kept with the run for its downloads. */
async function copyPlan(sourceDir: string, runDir: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(sourceDir);
  } catch {
    return undefined;
  }
  const plan = names.find((name) => /\.plan\.(csv|xlsx)$/i.test(name));
  if (!plan) return undefined;
  await copyFile(join(sourceDir, plan), join(runDir, plan));
  return plan;
}
