import { join } from "node:path";
import { loadMapping } from "../../mapping/load-mapping.js";
import { compileValue, parseTemplate } from "../../mapping/compile-value.js";
import { resolveSettings } from "../connection/connection.js";
import { field, readObject } from "../http/body.js";
import { badRequest, toHttpError } from "../http/http-error.js";
import { sendJson } from "../http/respond.js";
import type { Router } from "../http/router.js";
import { readOrSuggest, saveMapping } from "../mapping/mapping-service.js";
import { planSource } from "../plan/plan-service.js";
import { readRows } from "../sources/inspect-source.js";
import { ui } from "../ui-language.js";
import { cliCommand } from "./cli-command.js";
import type { UiServices } from "./services.js";
import { readable } from "./source-routes.js";

/** Rows the template preview renders. */
const PREVIEW_ROWS = 5;

/** The Colunas and Revisão pages: a file's mapping (suggested, saved), a template's preview, the plan. */
export function mappingRoutes(router: Router, services: UiServices): void {
  const { sources, secrets } = services;

  router.add("GET", "/api/sources/:id/mapping", async ({ res, params }) => {
    const record = await sources.store.get(params.id!);
    const { header, sample } = await readable(services, record);
    const path = sources.mappingPath(record);
    sendJson(res, 200, await readOrSuggest(path, services.folder.shown(path), header, sample), secrets);
  });

  router.add("PUT", "/api/sources/:id/mapping", async ({ req, res, params }) => {
    const body = await readObject(req);
    if (typeof body.mapping !== "object" || body.mapping === null || Array.isArray(body.mapping))
      throw badRequest(
        "UI_BAD_FIELD",
        ui.t("ui.server.badField", { field: "mapping", expected: ui.t("ui.server.expected.object") }),
        { field: "mapping" },
      );
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
    if (template === undefined)
      throw badRequest("UI_BAD_FIELD", ui.t("ui.server.mapping.template"), { field: "template" });
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
      throw toHttpError(error, ui.t("ui.server.mapping.missing"));
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
      throw toHttpError(error, ui.t("ui.server.source.unreadable"));
    });
    const { planFile: _file, ...shown } = plan;
    sendJson(res, 200, shown, secrets);
  });
}
