import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { compileValue, parseTemplate } from "../../mapping/compile-value.js";
import { field, paging, readObject } from "../http/body.js";
import { badRequest, HttpError, notFound } from "../http/http-error.js";
import { sendJson } from "../http/respond.js";
import type { Router } from "../http/router.js";
import { readOrSuggest, saveMapping } from "../mapping/mapping-service.js";
import { planSource } from "../plan/plan-service.js";
import { resolveSettings } from "../connection/connection.js";
import { readRows } from "../sources/inspect-source.js";
import type { ReadChoice, SourceRecord } from "../sources/source-record.js";
import { TEXTS } from "../texts.js";
import { cliCommand } from "./cli-command.js";
import { sendDownload } from "./send-file.js";
import type { UiServices } from "./services.js";
import { loadMapping } from "../../mapping/load-mapping.js";
import { toHttpError } from "../http/http-error.js";

/** Rows the template preview renders. */
const PREVIEW_ROWS = 5;

/** The Arquivo, Colunas and Revisão pages: the file, how it is read, its mapping and its plan. */
export function sourceRoutes(router: Router, services: UiServices): void {
  const { sources, secrets } = services;

  router.add("POST", "/api/sources", async ({ req, res, url }) => {
    const view = await sources.upload(req, url.searchParams.get("name"), services.uploadLimitBytes);
    sendJson(res, 201, view, secrets);
  });

  router.add("POST", "/api/sources/sheets", async ({ req, res }) => {
    const body = await readObject(req);
    const link = field.string(body, "url");
    if (!link?.trim()) throw badRequest("UI_SHEETS_LINK", TEXTS.source.sheetsLink, { field: "url" });
    sendJson(res, 201, await sources.sheets(link, field.string(body, "sheet")?.trim() || undefined), secrets);
  });

  router.add("GET", "/api/sources", async ({ res }) => sendJson(res, 200, { sources: await sources.list() }, secrets));

  router.add("GET", "/api/sources/:id", async ({ res, params }) =>
    sendJson(res, 200, await sources.get(params.id!), secrets),
  );

  router.add("PUT", "/api/sources/:id/read", async ({ req, res, params }) => {
    const body = await readObject(req);
    const choice: ReadChoice = {};
    const encoding = field.string(body, "encoding")?.trim();
    const delimiter = field.string(body, "delimiter");
    const headerRow = field.integer(body, "headerRow", 1);
    const sheet = field.string(body, "sheet")?.trim();
    if (encoding) choice.encoding = encoding;
    if (delimiter) choice.delimiter = delimiter;
    if (headerRow !== undefined) choice.headerRow = headerRow;
    if (sheet) choice.sheet = sheet;
    sendJson(res, 200, await sources.changeRead(params.id!, choice), secrets);
  });

  router.add("GET", "/api/sources/:id/rows", async ({ res, params, url }) => {
    const { offset, limit } = paging(url);
    sendJson(res, 200, await sources.rows(params.id!, offset, limit), secrets);
  });

  router.add("GET", "/api/sources/:id/mapping", async ({ res, params }) => {
    const record = await sources.store.get(params.id!);
    const { header, sample } = await readable(services, record);
    const path = sources.mappingPath(record);
    sendJson(res, 200, await readOrSuggest(path, services.folder.shown(path), header, sample), secrets);
  });

  router.add("PUT", "/api/sources/:id/mapping", async ({ req, res, params }) => {
    const body = await readObject(req);
    if (typeof body.mapping !== "object" || body.mapping === null || Array.isArray(body.mapping))
      throw badRequest("UI_BAD_FIELD", TEXTS.badField("mapping", "um objeto"), { field: "mapping" });
    const record = await sources.store.get(params.id!);
    const { header } = await readable(services, record);
    const path = sources.mappingPath(record);
    await saveMapping(path, body.mapping, header);
    const answer = await readOrSuggest(path, services.folder.shown(path), header, []);
    sendJson(res, 200, { ...answer, command: cliCommand(services, record) }, secrets);
  });

  router.add("POST", "/api/sources/:id/preview-template", async ({ req, res, params }) => {
    const body = await readObject(req);
    const template = field.string(body, "template");
    if (template === undefined) throw badRequest("UI_BAD_FIELD", TEXTS.mapping.template, { field: "template" });
    const record = await sources.store.get(params.id!);
    const { header } = await readable(services, record);
    const missing = parseTemplate(template).columns.filter((c) => !header.includes(c));
    const problems = missing.map((column) => ({ code: "MAPPING_UNKNOWN_COLUMN", message: `{{${column}}}`, column }));
    const get = compileValue({ template }, "template").get;
    const page = await readRows(sources.store.open(record, services.env.merged()), 0, PREVIEW_ROWS);
    const rows = page.rows.map((row) => {
      const text = get(row.values);
      return { rowNumber: row.rowNumber, text: typeof text === "string" ? text : "" };
    });
    sendJson(res, 200, { rows, problems }, secrets);
  });

  router.add("POST", "/api/sources/:id/plan", async ({ req, res, params }) => {
    const body = await readObject(req);
    const record = await sources.store.get(params.id!);
    const mappingPath = sources.mappingPath(record);
    const mapping = await loadMapping(mappingPath, services.folder.shown(mappingPath)).catch((error: unknown) => {
      throw toHttpError(error, TEXTS.mapping.missing);
    });
    const env = services.env.merged();
    const settings = resolveSettings(env);
    const plan = await planSource({
      source: () => sources.store.open(record, env),
      mapping,
      ...("connection" in settings ? { connection: settings.connection } : {}),
      resultsPath: join(services.folder.sourceDir(record.id), `${record.stem}.results.csv`),
      cwd: services.folder.root,
      env: { ...env },
      run: {
        ...services.runOptions,
        ...services.defaults,
        retryFailed: field.boolean(body, "retryFailed"),
        releaseHeld: field.boolean(body, "releaseHeld"),
      },
    }).catch((error: unknown) => {
      throw toHttpError(error, TEXTS.source.unreadable);
    });
    const { planFile: _file, ...shown } = plan;
    sendJson(res, 200, shown, secrets);
  });

  router.add("GET", "/api/sources/:id/files/plan", async ({ res, params }) => {
    const record = await sources.store.get(params.id!);
    const dir = services.folder.sourceDir(record.id);
    const plan = (await readdir(dir)).find((name) => /\.plan\.(csv|xlsx)$/i.test(name));
    if (!plan) throw notFound(TEXTS.run.noFile);
    await sendDownload(res, join(dir, plan), plan);
  });
}

/** The header and first rows of a source that reads; its reading problem otherwise (422). */
async function readable(services: UiServices, record: SourceRecord) {
  const inspection = await services.sources.inspection(record);
  if ("error" in inspection) throw new HttpError(422, inspection.error);
  return { header: inspection.header, sample: inspection.sample };
}
