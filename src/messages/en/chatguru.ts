import type { Entry } from "../catalog.js";

/** ChatGuru's answers and refusals as the client reports them (chatguru/). ChatGuru's own words stay quoted as sent. */
export const chatguruEn = {
  "chatguru.answered": (p: { action: string; status: number; description: string }) =>
    `ChatGuru ${p.action} answered ${p.status} "${p.description}"`,
  "chatguru.redirect": (p: { action: string; status: number; location: string | undefined }) =>
    `ChatGuru ${p.action} answered ${p.status}: ${p.location ? `the API moved to ${p.location}` : "a redirect without a Location header (the API URL is outdated)"}; redirects are not followed`,
  "chatguru.auth": (p: { action: string; status: number; description: string }) =>
    `ChatGuru ${p.action} rejected the credentials: ${p.status} "${p.description}"`,
  "chatguru.rateLimited": (p: { action: string; retryAfterMs: number | undefined }) =>
    `ChatGuru ${p.action} answered 429 Too Many Requests (${p.retryAfterMs === undefined ? "no Retry-After given" : `Retry-After ${p.retryAfterMs} ms`})`,
  /** ChatGuru's throttling sent as a 400 ("Limite de requisições excedido"), treated as a 429. */
  "chatguru.throttled": (p: {
    action: string;
    status: number;
    description: string;
    retryAfterMs: number | undefined;
  }) =>
    `ChatGuru ${p.action} answered ${p.status} "${p.description}" (throttling) (${p.retryAfterMs === undefined ? "no Retry-After given" : `Retry-After ${p.retryAfterMs} ms`})`,
  "chatguru.network": (p: { action: string; endpoint: string; what: string | undefined; reached: boolean }) =>
    `ChatGuru ${p.action} failed at ${p.endpoint}: ${p.what ?? "connection error"} (${p.reached ? "the request may have reached ChatGuru" : "the request did not reach ChatGuru; check CHATGURU_API_URL and the network"}).`,
  "chatguru.timeout": (p: { action: string; endpoint: string; timeoutMs: number }) =>
    `ChatGuru ${p.action} did not answer within ${p.timeoutMs} ms at ${p.endpoint} (the request may have been applied).`,
  "chatguru.badResponse": (p: {
    action: string;
    status: number;
    reason: string;
    contentType: string | undefined;
    excerpt: string;
  }) =>
    `ChatGuru ${p.action} answered ${p.status} with ${p.reason}` +
    `${p.contentType ? ` (${p.contentType})` : ""}: ${p.excerpt ? `"${p.excerpt}"` : "<empty body>"}`,
  "chatguru.badResponse.notJson": "a body that is not ChatGuru JSON",
  "chatguru.badResponse.noResult": 'JSON without result "success" or "error"',
  "chatguru.badResponse.badField": (p: { field: string; expected: string }) =>
    `a success without a usable "${p.field}" (expected ${p.expected})`,
  "chatguru.badResponse.nonEmptyString": "a non-empty string",
  "chatguru.aborted": (p: { action: string }) => `ChatGuru ${p.action} was aborted before its answer arrived.`,
  "chatguru.param.reserved": (p: { name: string; action: string }) =>
    `Parameter "${p.name}" is set from the connection settings and cannot be passed to ${p.action}.`,
  "chatguru.param.fileUrlNotUrl": (p: { url: string }) => `file_url is not a URL: "${p.url}".`,
  "chatguru.param.fileUrlProtocol": (p: { protocol: string }) => `file_url must be http(s), got "${p.protocol}".`,
  "chatguru.param.fileUrlExtension": (p: { url: string }) =>
    `file_url must end in the file extension (e.g. …/catalogo.pdf); ChatGuru cannot send "${p.url}".`,
  "chatguru.param.sameField": (p: { first: string; second: string; apiName: string }) =>
    `"${p.first}" and "${p.second}" both become ${p.apiName}; ChatGuru would keep only one of them.`,
  "chatguru.param.noFields": (p: { action: string }) => `${p.action} needs at least one value to set.`,
  "chatguru.param.sendDateInvalid": "send_date is an invalid Date.",
  "chatguru.param.sendDateFormat": (p: { value: string }) =>
    `send_date must be "YYYY-MM-DD HH:MM" in Brasília time (e.g. "2026-03-01 09:30"), got "${p.value}".`,
} satisfies Record<string, Entry>;
