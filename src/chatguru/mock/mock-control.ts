import type http from "node:http";
import { isUsageError } from "../../errors.js";
import { readBody, sendJson } from "./mock-http.js";
import type { MockBehaviour } from "./mock-options.js";
import type { MockRuntime } from "./mock-runtime.js";

const NOT_AN_OBJECT = { status: 400, body: { ok: false, error: "Expected a JSON object body." } };

/** The test-control endpoints under /__mock/: state, reset, config. */
export async function handleControl(
  runtime: MockRuntime,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
): Promise<void> {
  if (path === "/__mock/state" && req.method === "GET")
    return sendJson(res, { status: 200, body: runtime.store.state() as unknown as Record<string, unknown> });
  if (path === "/__mock/reset" && req.method === "POST") {
    await readBody(req);
    runtime.reset();
    return sendJson(res, { status: 200, body: { ok: true } });
  }
  if (path === "/__mock/config" && req.method === "POST") {
    const text = await readBody(req);
    let patch: unknown;
    try {
      patch = JSON.parse(text ?? "");
    } catch {
      return sendJson(res, NOT_AN_OBJECT);
    }
    if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return sendJson(res, NOT_AN_OBJECT);
    try {
      runtime.configure(patch as Partial<MockBehaviour>);
    } catch (error) {
      if (!isUsageError(error)) throw error;
      return sendJson(res, { status: 400, body: { ok: false, error: error.message } });
    }
    return sendJson(res, { status: 200, body: { ok: true, config: runtime.behaviour } });
  }
  return sendJson(res, { status: 404, body: { ok: false, error: `Unknown mock endpoint ${req.method} ${path}` } });
}
