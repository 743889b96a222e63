import { isSyncError } from "../../errors.js";
import type { Text } from "../../messages/text.js";
import { fixFor, ui } from "../ui-language.js";

/** One problem of a mapping or a file, as the pages show it beside the control it is about. */
export interface ApiProblem {
  code: string;
  message: string;
  /** The message as a catalog Text, for the pages to say in their language (a row problem of the plan). */
  text?: Text;
  fix?: string;
  field?: string;
  column?: string;
  line?: number;
  row?: number;
}

/** The `error` object of every failed answer (docs/ui-api.md "Errors"). */
export interface ApiErrorBody {
  code: string;
  /** pt-BR, for the person. */
  message: string;
  /** The library's own text, in the app's language, when it says more (which row, which column, which file). */
  detail?: string;
  fix?: string;
  field?: string;
  problems?: ApiProblem[];
  /** A title row above the table: the row the column names seem to be on (the page pre-fills it). */
  suggestedHeaderRow?: number;
}

/** A failed request, with its status: thrown by handlers, answered once by the server. */
export class HttpError extends Error {
  override name = "HttpError" as const;
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export const badRequest = (code: string, message: string, extra: Partial<ApiErrorBody> = {}): HttpError =>
  new HttpError(400, { code, message, ...extra });

export const notFound = (message: string = ui.t("ui.server.notFound")): HttpError =>
  new HttpError(404, { code: "UI_NOT_FOUND", message });

/** Status of a library error, by what the person must change: input (400/422), a busy journal (409), else 500. */
function statusOf(code: string): number {
  // Another run holds the journal or the account, or the journal is gone: the person decides, nothing was sent.
  if (code === "STATE_LOCKED" || code === "ACCOUNT_LOCKED" || code === "STATE_LOST") return 409;
  if (code.startsWith("MAPPING_") || code.startsWith("SOURCE_") || code.startsWith("INIT_")) return 422;
  if (code.startsWith("CONFIG_") || code.startsWith("USAGE") || code.startsWith("SHEETS_")) return 400;
  if (code.startsWith("CHATGURU_")) return 502;
  return 500;
}

/**
 * Any error as an HttpError: a library error keeps its code and its text as `detail` under a pt-BR `message`; an
 * unexpected one is a 500 whose detail is its message (never a stack: it is shown to the person).
 */
export function toHttpError(error: unknown, message: string = ui.t("ui.server.internal")): HttpError {
  if (error instanceof HttpError) return error;
  if (isSyncError(error)) {
    const fix = fixFor(error.code);
    return new HttpError(statusOf(error.code), {
      code: error.code,
      message,
      detail: error.text ? ui.say(pageText(error.text)) : error.message,
      ...(fix ? { fix } : {}),
      ...suggestion(error.text),
    });
  }
  return new HttpError(500, { code: "UI_INTERNAL", message: ui.t("ui.server.internal"), detail: String(error) });
}

/**
 * The CLI's words for a title row tell the person to pass --header-row; on a page the same advice names the page's
 * own control instead (the same facts, from the same parameters).
 */
function pageText(said: Text): Text {
  return said.key === "source.titleRow" ? { key: "ui.server.source.titleRow", params: said.params } : said;
}

function suggestion(said: Text | undefined): { suggestedHeaderRow?: number } {
  const row = said?.key === "source.titleRow" ? (said.params as { tableRow?: unknown }).tableRow : undefined;
  return typeof row === "number" ? { suggestedHeaderRow: row } : {};
}
