// The pages' only door to the local server. Same-origin requests carry the session cookie; every failure becomes an
// ApiError whose message is already in words the person reads (the server sends pt-BR; HTTP trouble is worded here).
import type {
  ApiErrorBody,
  AppInfo,
  Connection,
  ConnectionCheck,
  ConnectionInput,
  MappingFile,
  MappingState,
  Plan,
  RenderedRow,
  ResultRow,
  Run,
  RowsPage,
  Source,
  SourceRead,
  SourceRow,
} from "./api-types.js";
import { t } from "./say.js";

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }
}

function errorFor(status: number, data: unknown): ApiError {
  const body = (data as { error?: ApiErrorBody } | undefined)?.error;
  if (body && typeof body.message === "string") return new ApiError(status, body);
  if (status === 401 || status === 403)
    return new ApiError(status, { code: "UI_SESSION", message: t("ui.errors.session") });
  if (status === 413) return new ApiError(status, { code: "UI_TOO_LARGE", message: t("ui.errors.tooLarge") });
  return new ApiError(status, { code: `HTTP_${status}`, message: t("ui.errors.http", { status }) });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, { code: "UI_OFFLINE", message: t("ui.errors.offline") });
  }
  const data = parseJson(await response.text());
  if (!response.ok) throw errorFor(response.status, data);
  return data as T;
}

const enc = encodeURIComponent;

/**
 * Streams the file as the raw request body (no multipart, no reading it into memory here). XMLHttpRequest because
 * fetch still reports no upload progress, and a 50 MB file needs a visible bar.
 */
export function uploadSource(file: File, onProgress: (sent: number, total: number) => void): Promise<Source> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/sources?name=${enc(file.name)}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, { code: "UI_OFFLINE", message: t("ui.errors.offline") }));
    xhr.onload = () => {
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as Source);
      else reject(errorFor(xhr.status, data));
    };
    xhr.send(file);
  });
}

export const api = {
  app: () => request<AppInfo>("GET", "/api/app"),
  connection: () => request<Connection>("GET", "/api/connection"),
  saveConnection: (input: ConnectionInput) => request<Connection>("PUT", "/api/connection", input),
  checkConnection: (input?: ConnectionInput) => request<ConnectionCheck>("POST", "/api/connection/check", input ?? {}),

  sources: () => request<{ sources: Source[] }>("GET", "/api/sources"),
  source: (id: string) => request<Source>("GET", `/api/sources/${enc(id)}`),
  sheetsSource: (url: string) => request<Source>("POST", "/api/sources/sheets", { url }),
  reread: (id: string, read: SourceRead) => request<Source>("PUT", `/api/sources/${enc(id)}/read`, read),
  sourceRows: (id: string, offset: number, limit: number) =>
    request<RowsPage<SourceRow>>("GET", `/api/sources/${enc(id)}/rows?offset=${offset}&limit=${limit}`),
  mapping: (id: string) => request<MappingState>("GET", `/api/sources/${enc(id)}/mapping`),
  saveMapping: (id: string, mapping: MappingFile) =>
    request<MappingState>("PUT", `/api/sources/${enc(id)}/mapping`, { mapping }),
  previewTemplate: (id: string, template: string) =>
    request<{ rows: RenderedRow[] }>("POST", `/api/sources/${enc(id)}/preview-template`, { template }),
  fieldNames: (names: string[]) => request<{ apiNames: string[] }>("POST", "/api/field-names", { names }),
  plan: (id: string, options: { retryFailed?: boolean; releaseHeld?: boolean } = {}) =>
    request<Plan>("POST", `/api/sources/${enc(id)}/plan`, options),

  startRun: (input: { sourceId: string; consent?: boolean; retryFailed?: boolean; releaseHeld?: boolean }) =>
    request<Run>("POST", "/api/runs", input),
  runs: () => request<{ runs: Run[] }>("GET", "/api/runs"),
  run: (id: string) => request<Run>("GET", `/api/runs/${enc(id)}`),
  stopRun: (id: string) => request<Run>("POST", `/api/runs/${enc(id)}/stop`),
  continueRun: (id: string) => request<Run>("POST", `/api/runs/${enc(id)}/continue`),
  runRows: (id: string, outcome: string, offset: number, limit: number) =>
    request<RowsPage<ResultRow>>(
      "GET",
      `/api/runs/${enc(id)}/rows?offset=${offset}&limit=${limit}${outcome ? `&outcome=${enc(outcome)}` : ""}`,
    ),
};

export function sourcePlanUrl(sourceId: string): string {
  return `/api/sources/${enc(sourceId)}/files/plan`;
}

/** Where the browser downloads a run's file from (a plain link: the server sends it as an attachment). */
export function runFileUrl(runId: string, file: "results" | "errors" | "plan"): string {
  return `/api/runs/${enc(runId)}/files/${file}`;
}

export function runEventsUrl(runId: string): string {
  return `/api/runs/${enc(runId)}/events`;
}
