import type { IncomingMessage } from "node:http";
import { megabytes, ui } from "../ui-language.js";
import { badRequest, HttpError } from "./http-error.js";

/** JSON bodies are settings and mappings: a megabyte is far more than any of them. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** Reads a JSON body up to `limit` bytes (413 beyond it); an empty body is `{}`. */
export async function readJson(req: IncomingMessage, limit: number = JSON_BODY_LIMIT): Promise<unknown> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest("UI_INVALID_JSON", ui.t("ui.server.invalidJson"));
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, {
    code: "UI_BODY_TOO_LARGE",
    message: ui.t("ui.server.bodyTooLarge", { limit: megabytes(limit) }),
  });
}

/** A JSON body that must be an object. */
export async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const value = await readJson(req);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw badRequest("UI_INVALID_JSON", ui.t("ui.server.invalidJson"));
  return value as Record<string, unknown>;
}

/** Field readers that answer 400 naming the field, so a page bug is found at once. */
export const field = {
  string(body: Record<string, unknown>, name: string): string | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string")
      throw badRequest(
        "UI_BAD_FIELD",
        ui.t("ui.server.badField", { field: name, expected: ui.t("ui.server.expected.text") }),
        { field: name },
      );
    return value;
  },
  boolean(body: Record<string, unknown>, name: string): boolean {
    const value = body[name];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean")
      throw badRequest(
        "UI_BAD_FIELD",
        ui.t("ui.server.badField", { field: name, expected: ui.t("ui.server.expected.boolean") }),
        { field: name },
      );
    return value;
  },
  integer(body: Record<string, unknown>, name: string, min: number): number | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min)
      throw badRequest(
        "UI_BAD_FIELD",
        ui.t("ui.server.badField", { field: name, expected: ui.t("ui.server.expected.integerFrom", { min }) }),
        { field: name },
      );
    return value;
  },
};

/** `?offset=&limit=` with bounds: a page never asks for every row at once. */
export function paging(url: URL, maxLimit = 200): { offset: number; limit: number } {
  const read = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    const value = raw === null ? fallback : Number(raw);
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  return { offset: read("offset", 0), limit: Math.min(Math.max(read("limit", 50), 1), maxLimit) };
}
