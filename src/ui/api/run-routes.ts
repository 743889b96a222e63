import { join } from "node:path";
import { createSource } from "../../sources/create-source.js";
import { field, paging, readObject } from "../http/body.js";
import { badRequest, notFound } from "../http/http-error.js";
import { sendJson } from "../http/respond.js";
import type { Router } from "../http/router.js";
import { runView, type RunRecord } from "../runs/run-record.js";
import { splitCode } from "../runs/problem-text.js";
import { ui } from "../ui-language.js";
import { streamRunEvents } from "./run-events.js";
import { sendDownload } from "./send-file.js";
import type { UiServices } from "./services.js";

const FILE_KINDS = ["results", "errors", "plan", "report"] as const;
type FileKind = (typeof FILE_KINDS)[number];
const PROBLEMS = new Set(["invalid", "duplicate", "failed"]);

/** The Envio, Resultado and Histórico pages: start, stop, continue, watch, download, browse results. */
export function runRoutes(router: Router, services: UiServices): void {
  const { runs, secrets } = services;

  router.add("POST", "/api/runs", async ({ req, res }) => {
    const body = await readObject(req);
    const sourceId = field.string(body, "sourceId");
    if (!sourceId)
      throw badRequest(
        "UI_BAD_FIELD",
        ui.t("ui.server.badField", { field: "sourceId", expected: ui.t("ui.server.expected.sourceId") }),
        { field: "sourceId" },
      );
    const view = await runs.start({
      sourceId,
      consent: field.boolean(body, "consent"),
      retryFailed: field.boolean(body, "retryFailed"),
      releaseHeld: field.boolean(body, "releaseHeld"),
    });
    sendJson(res, 201, view, secrets);
  });

  router.add("GET", "/api/runs", async ({ res }) => sendJson(res, 200, { runs: await runs.list() }, secrets));

  router.add("GET", "/api/runs/:id", async ({ res, params }) =>
    sendJson(res, 200, runView(await runs.get(params.id!)), secrets),
  );

  router.add("POST", "/api/runs/:id/stop", async ({ res, params }) =>
    sendJson(res, 200, await runs.stop(params.id!), secrets),
  );

  router.add("POST", "/api/runs/:id/continue", async ({ res, params }) =>
    sendJson(res, 201, await runs.continue(params.id!), secrets),
  );

  router.add("GET", "/api/runs/:id/events", async (call) => {
    const record = await runs.get(call.params.id!);
    streamRunEvents(call, record, runs.activeRun(record.id), secrets);
  });

  router.add("GET", "/api/runs/:id/files/:kind", async ({ res, params }) => {
    const kind = params.kind as FileKind;
    if (!FILE_KINDS.includes(kind)) throw notFound();
    const record = await runs.get(params.id!);
    const name = record.files[kind];
    if (!name) throw notFound(ui.t("ui.server.run.noFile"));
    await sendDownload(res, join(services.folder.runDir(record.id), name), name);
  });

  router.add("GET", "/api/runs/:id/rows", async ({ res, params, url }) => {
    const record = await runs.get(params.id!);
    const { offset, limit } = paging(url);
    sendJson(
      res,
      200,
      { offset, ...(await resultRows(services, record, url.searchParams.get("outcome"), offset, limit)) },
      secrets,
    );
  });
}

interface ResultRow {
  rowNumber: number;
  values: Record<string, string>;
  status: string;
  /** The mapped phone and name cells, so the table names the contact without reading the mapping. */
  phone: string;
  name?: string;
  /** The results file's error cell without its leading code; the code on its own. */
  error: string;
  code?: string;
}

/** A page of the run's results file, filtered by the status column the run wrote. */
async function resultRows(
  services: UiServices,
  record: RunRecord,
  outcome: string | null,
  offset: number,
  limit: number,
) {
  if (!record.files.results) return { total: 0, rows: [] };
  const path = join(services.folder.runDir(record.id), record.files.results);
  const opened = await createSource(path, { cwd: services.folder.root }).open();
  const { status, error, phone, name } = record.columns;
  const keep = (value: string) => !outcome || value === outcome || (outcome === "problems" && PROBLEMS.has(value));
  const rows: ResultRow[] = [];
  let total = 0;
  try {
    for await (const row of opened.rows) {
      const value = row.values[status] ?? "";
      if (!keep(value)) continue;
      if (total >= offset && rows.length < limit) {
        const said = splitCode(row.values[error] ?? "");
        rows.push({
          rowNumber: row.rowNumber,
          values: row.values,
          status: value,
          phone: row.values[phone] ?? "",
          ...(name !== undefined ? { name: row.values[name] ?? "" } : {}),
          error: said.message,
          ...(said.code ? { code: said.code } : {}),
        });
      }
      total++;
    }
  } finally {
    await opened.close();
  }
  return { total, rows };
}
