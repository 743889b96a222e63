import http from "node:http";
import https from "node:https";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { redact } from "../errors.js";
import { text as msg } from "../messages/text.js";
import {
  ChatGuruAbortedError,
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruBadResponseError,
  ChatGuruParamError,
  ChatGuruRateLimitError,
  ChatGuruRedirectError,
  ChatGuruTimeoutError,
  isAuthDescription,
  isThrottlingDescription,
} from "./errors.js";
import { sanitizeCause, toNetworkError } from "./network-error.js";
import { parseRetryAfter } from "../util/retry-after.js";
import type { CallOptions, ChatGuruClient, ChatGuruConnection, ChatGuruResponse } from "./types.js";

export interface ChatGuruClientOptions {
  /** Agent for http:// endpoints. @default a keep-alive agent owned (and destroyed by close()) by the client */
  httpAgent?: http.Agent;
  /** Agent for https:// endpoints. @default a keep-alive agent owned (and destroyed by close()) by the client */
  httpsAgent?: https.Agent;
}

/** @default 30000 */
export const DEFAULT_TIMEOUT_MS = 30_000;
const EXCERPT_LENGTH = 160;
/** Params the client sets itself; letting callers override them would send another account's key or action. */
const RESERVED_PARAMS = new Set(["key", "account_id", "phone_id", "action"]);
const USER_AGENT = "chatguru-sync/0.1";

/** The axios instance: raw text, no redirects, no proxies, our own timeout (see timedPost). */
function createInstance(httpAgent: http.Agent, httpsAgent: https.Agent): AxiosInstance {
  return axios.create({
    httpAgent,
    httpsAgent,
    // We own the timeout (see timedPost) so it can be told apart from the caller's abort and from an OS connect timeout.
    timeout: 0,
    // A POST redirected by a proxy would be replayed as a GET without its body: report the redirect instead.
    maxRedirects: 0,
    validateStatus: () => true,
    // Raw text: ChatGuru error pages are HTML, and we want the status and an excerpt, not a JSON.parse crash.
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    headers: {
      "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
      Accept: "application/json",
      "User-Agent": USER_AGENT,
    },
    // Proxy env vars would route a local mock through a proxy and could log the body.
    proxy: false,
  });
}

/** The form body: the connection's four common parameters, then the action's own. */
function formBody(connection: ChatGuruConnection, action: string, params: Record<string, string>): string {
  for (const name of Object.keys(params)) {
    if (RESERVED_PARAMS.has(name)) {
      throw new ChatGuruParamError({
        action,
        param: name,
        message: msg("chatguru.param.reserved", { name, action }),
      });
    }
  }
  const body = new URLSearchParams({
    key: connection.key,
    account_id: connection.accountId,
    phone_id: connection.phoneId,
    action,
  });
  for (const [name, value] of Object.entries(params)) body.append(name, value);
  return body.toString();
}

interface PostContext {
  instance: AxiosInstance;
  url: string;
  action: string;
  endpoint: string;
  timeoutMs: number;
  secrets: ReadonlyArray<string>;
}

/** One POST bounded by our timeout and the caller's signal, each failure typed (timeout, abort, network). */
async function timedPost(ctx: PostContext, body: string, callerSignal?: AbortSignal): Promise<AxiosResponse<string>> {
  const { action, endpoint, timeoutMs, secrets } = ctx;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  if (callerSignal?.aborted) controller.abort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    return await ctx.instance.post<string>(ctx.url, body, { signal: controller.signal });
  } catch (error) {
    if (timedOut) throw new ChatGuruTimeoutError({ action, endpoint, timeoutMs });
    if (callerSignal?.aborted)
      throw new ChatGuruAbortedError({ action, cause: sanitizeCause(callerSignal.reason, secrets) });
    throw toNetworkError(error, action, endpoint, secrets);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

/**
 * ONE HTTP attempt per call (retries are the engine's: engine/transport/retry-policy.ts). Parameters go in a form-urlencoded
 * body: ChatGuru rejects JSON bodies with 400 "key ou account_id não informado(s)", and a body keeps the key out of
 * URLs and proxy logs.
 */
export function createChatGuruClient(
  connection: ChatGuruConnection,
  options: ChatGuruClientOptions = {},
): ChatGuruClient {
  const ownedAgents: Array<http.Agent | https.Agent> = [];
  const own = <T extends http.Agent | https.Agent>(agent: T): T => (ownedAgents.push(agent), agent);
  const instance = createInstance(
    options.httpAgent ?? own(new http.Agent({ keepAlive: true })),
    options.httpsAgent ?? own(new https.Agent({ keepAlive: true })),
  );
  const secrets = [connection.key];
  const base = {
    instance,
    url: connection.apiUrl,
    endpoint: describeEndpoint(connection.apiUrl),
    timeoutMs: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secrets,
  };
  return {
    async call(action, params, callOptions: CallOptions = {}): Promise<ChatGuruResponse> {
      const body = formBody(connection, action, params);
      const response = await timedPost({ ...base, action }, body, callOptions.signal);
      return parseResponse(response, action, secrets, connection.apiUrl);
    },
    close() {
      for (const agent of ownedAgents) agent.destroy();
    },
  };
}

/** Turns one HTTP response into the envelope or a typed error. Exported for tests of odd bodies. */
export function parseResponse(
  response: { status: number; data: unknown; headers: Record<string, unknown> | { get?: unknown } },
  action: string,
  secrets: ReadonlyArray<string>,
  /** The URL the request went to, to resolve a relative Location. */
  requestUrl?: string,
): ChatGuruResponse {
  const status = response.status;
  const headers = response.headers as Record<string, unknown>;
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, "location");
    throw new ChatGuruRedirectError({
      action,
      httpStatus: status,
      location: location === undefined ? undefined : redact(resolveLocation(location, requestUrl), secrets),
    });
  }
  const contentType = headerValue(headers, "content-type");
  const text =
    typeof response.data === "string"
      ? response.data
      : response.data === undefined || response.data === null
        ? ""
        : String(response.data);
  const parsed = redactStrings(parseEnvelope(redact(text, secrets)), secrets);

  // ChatGuru has been seen throttling with a 400 "Limite de requisições excedido": the same as a 429.
  const throttled = status !== 429 && parsed?.result !== "success" && isThrottlingDescription(describeOrEmpty(parsed));
  if (status === 429 || throttled) {
    return throwing(
      new ChatGuruRateLimitError({
        ...(throttled ? { httpStatus: status } : {}),
        action,
        retryAfterMs: parseRetryAfter(headerValue(headers, "retry-after")),
        ...(parsed?.description !== undefined ? { description: parsed.description } : {}),
        ...(parsed ? { body: parsed } : {}),
      }),
    );
  }
  // 401/403 are credential problems even when a proxy answers them with HTML.
  if (!parsed && (status === 401 || status === 403)) {
    throw new ChatGuruAuthError({
      action,
      httpStatus: status,
      description: excerptOf(text, secrets) || `HTTP ${status}`,
    });
  }
  if (!parsed) {
    throw new ChatGuruBadResponseError({ action, httpStatus: status, excerpt: excerptOf(text, secrets), contentType });
  }
  const description = describe(parsed);
  if (status === 401 || status === 403 || (parsed.result !== "success" && isAuthDescription(description))) {
    throw new ChatGuruAuthError({ action, httpStatus: status, description, body: parsed });
  }
  if (status >= 200 && status < 300) {
    if (parsed.result === "success") return parsed;
    if (parsed.result === "error")
      throw new ChatGuruApiError({ action, httpStatus: status, description, body: parsed });
    throw new ChatGuruBadResponseError({
      action,
      httpStatus: status,
      excerpt: excerptOf(text, secrets),
      contentType,
      reason: msg("chatguru.badResponse.noResult"),
    });
  }
  throw new ChatGuruApiError({ action, httpStatus: status, description, body: parsed });
}

function throwing(error: Error): never {
  throw error;
}

/** A JSON object body, or undefined for HTML, empty, truncated or non-object bodies. */
function parseEnvelope(text: string): ChatGuruResponse | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    return value as ChatGuruResponse;
  } catch {
    return undefined;
  }
}

function describeOrEmpty(body: ChatGuruResponse | undefined): string {
  return body === undefined ? "" : describe(body);
}

/** A Location as an absolute URL when it can be (a relative one is resolved against the request's URL). */
function resolveLocation(location: string, requestUrl: string | undefined): string {
  try {
    return new URL(location, requestUrl).href;
  } catch {
    return location;
  }
}

/**
 * The raw text was redacted before parsing; this catches what JSON escapes hid from it — a piece of the key with a
 * `\/` or `\u0041` inside, which JSON.parse turned back into the key's own characters. Iterative: a hostile body
 * may nest deeper than the stack.
 */
function redactStrings<T extends object | undefined>(root: T, secrets: ReadonlyArray<string>): T {
  const stack: object[] = root === undefined ? [] : [root];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const name of Object.keys(node)) {
      const value = node[name];
      if (typeof value === "string") node[name] = redact(value, secrets);
      else if (value !== null && typeof value === "object") stack.push(value);
    }
  }
  return root;
}

/** ChatGuru puts the reason in `description`, except dialog_execute which uses `dialog_execution_return`. */
function describe(body: ChatGuruResponse): string {
  for (const field of ["description", "dialog_execution_return", "chat_add_status_description", "message"]) {
    const value = body[field];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return "(no description)";
}

function excerptOf(text: string, secrets: ReadonlyArray<string>): string {
  const collapsed = redact(text, secrets)
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return collapsed.length > EXCERPT_LENGTH ? `${collapsed.slice(0, EXCERPT_LENGTH)}…` : collapsed;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const getter = (headers as { get?: (n: string) => unknown }).get;
  const value = typeof getter === "function" ? getter.call(headers, name) : headers[name];
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

/** Origin + path only: a misconfigured URL may carry the key in its query or credentials in its userinfo. */
function describeEndpoint(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "the configured CHATGURU_API_URL";
  }
}
