import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { field, paging, readObject } from "../http/body.js";
import { badRequest, HttpError, notFound } from "../http/http-error.js";
import { sendJson } from "../http/respond.js";
import type { Router } from "../http/router.js";
import type { ReadChoice, SourceRecord } from "../sources/source-record.js";
import { ui } from "../ui-language.js";
import { sendDownload } from "./send-file.js";
import type { UiServices } from "./services.js";

/** The Arquivo page: a file or a sheet, how it is read, its rows; and the plan file of its last dry run. */
export function sourceRoutes(router: Router, services: UiServices): void {
  const { sources, secrets } = services;

  router.add("POST", "/api/sources", async ({ req, res, url }) => {
    const view = await sources.upload(req, url.searchParams.get("name"), services.uploadLimitBytes);
    sendJson(res, 201, view, secrets);
  });

  router.add("POST", "/api/sources/sheets", async ({ req, res }) => {
    const body = await readObject(req);
    const link = field.string(body, "url");
    if (!link?.trim()) throw badRequest("UI_SHEETS_LINK", ui.t("ui.server.source.sheetsLink"), { field: "url" });
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

  router.add("GET", "/api/sources/:id/files/plan", async ({ res, params }) => {
    const record = await sources.store.get(params.id!);
    const dir = services.folder.sourceDir(record.id);
    const plan = (await readdir(dir)).find((name) => /\.plan\.(csv|xlsx)$/i.test(name));
    if (!plan) throw notFound(ui.t("ui.server.run.noFile"));
    await sendDownload(res, join(dir, plan), plan);
  });
}

/** The header and first rows of a source that reads; its reading problem otherwise (422). */
export async function readable(services: UiServices, record: SourceRecord) {
  const inspection = await services.sources.inspection(record);
  if ("error" in inspection) throw new HttpError(422, inspection.error);
  return { header: inspection.header, sample: inspection.sample };
}
