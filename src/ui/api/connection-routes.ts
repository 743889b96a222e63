import { join } from "node:path";
import { toFieldApiName } from "../../chatguru/field-names.js";
import { checkConnection } from "../connection/connection-check.js";
import { connectionView, isApiUrl, resolveSettings, VARIABLES, type Setting } from "../connection/connection.js";
import { updateEnvFile } from "../connection/env-file.js";
import { field, readObject } from "../http/body.js";
import { badRequest } from "../http/http-error.js";
import { sendJson } from "../http/respond.js";
import type { Router } from "../http/router.js";
import { ui } from "../ui-language.js";
import type { UiServices } from "./services.js";

/** A field the page sent, trimmed; `""` counts as not given. */
function given(body: Record<string, unknown>, name: string): string | undefined {
  return field.string(body, name)?.trim() || undefined;
}

/** The app's facts and the Conexão page: read, save to `.env` (the key never comes back), check. */
export function connectionRoutes(router: Router, services: UiServices): void {
  const { env, secrets } = services;

  router.add("GET", "/api/app", ({ res }) =>
    sendJson(
      res,
      200,
      {
        version: services.version,
        folder: services.folder.root,
        uploadLimitBytes: services.uploadLimitBytes,
        runs: { active: services.runs.activeIds() },
        defaults: services.defaults,
      },
      secrets,
    ),
  );

  router.add("GET", "/api/connection", ({ res }) => sendJson(res, 200, connectionView(env), secrets));

  router.add("PUT", "/api/connection", async ({ req, res }) => {
    const body = await readObject(req);
    const values: Partial<Record<Setting, string>> = {};
    for (const setting of ["apiUrl", "accountId", "phoneId", "key"] as const) {
      const value = given(body, setting);
      if (value !== undefined) values[setting] = value;
    }
    for (const [setting, value] of Object.entries(values)) {
      // One line per setting in .env: a line break would cut the value (or smuggle in another setting).
      if (/[\r\n\0]/.test(value))
        throw badRequest("UI_CONNECTION_INVALID", ui.t("ui.server.connection.oneLine"), { field: setting });
    }
    if (values.apiUrl !== undefined && !isApiUrl(values.apiUrl))
      throw badRequest("UI_CONNECTION_INVALID", ui.t("ui.server.connection.urlInvalid"), { field: "apiUrl" });
    const lines: Record<string, string> = {};
    for (const [setting, value] of Object.entries(values)) lines[VARIABLES[setting as Setting]] = value;
    if (Object.keys(lines).length > 0) await updateEnvFile(join(services.folder.root, ".env"), lines);
    sendJson(res, 200, connectionView(env), secrets);
  });

  router.add("POST", "/api/connection/check", async ({ req, res }) => {
    const body = await readObject(req);
    const overrides: Partial<Record<Setting, string>> = {};
    for (const setting of ["apiUrl", "accountId", "phoneId", "key"] as const) {
      const value = given(body, setting);
      if (value !== undefined) overrides[setting] = value;
    }
    const settings = resolveSettings(env.merged(), overrides);
    if ("missing" in settings) {
      sendJson(
        res,
        200,
        { ok: false, problem: "missing", message: ui.t("ui.server.connection.missing", { names: settings.missing }) },
        secrets,
      );
      return;
    }
    if (!isApiUrl(settings.connection.apiUrl)) {
      sendJson(res, 200, { ok: false, problem: "url", message: ui.t("ui.server.connection.urlInvalid") }, secrets);
      return;
    }
    const result = await checkConnection(settings.connection);
    // The key being checked may be one the page just typed: it is a secret of this answer too.
    sendJson(res, 200, result, () => [...secrets(), settings.connection.key]);
  });

  router.add("POST", "/api/field-names", async ({ req, res }) => {
    const body = await readObject(req);
    const names = body.names;
    if (!Array.isArray(names) || names.length > 1000 || names.some((n) => typeof n !== "string"))
      throw badRequest(
        "UI_BAD_FIELD",
        ui.t("ui.server.badField", { field: "names", expected: ui.t("ui.server.expected.textList") }),
        { field: "names" },
      );
    sendJson(res, 200, { apiNames: (names as string[]).map((name) => toFieldApiName(name)) }, secrets);
  });
}
