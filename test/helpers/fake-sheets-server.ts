import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local fake of the Sheets v4 endpoints the gateway uses, plus an OAuth token endpoint for the JWT-bearer grant.
 * It has its own A1 parser on purpose: sharing src/sheets/a1.ts would let a bug in it pass both sides unnoticed.
 */

export interface FakeSheetsRequest {
  method: string;
  /** Decoded path, e.g. `/v4/spreadsheets/abc/values/'Leads'!A1:B2` or `/token`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON (or form fields for the token endpoint). */
  body: unknown;
  /** Query parameter or body field, whichever the request carried. */
  valueInputOption?: string;
  /** The Authorization header as received. */
  auth?: string;
}

export interface FakeSheetsServerOptions {
  /** The only Bearer token accepted, and the one the token endpoint hands out. @default "fake-access-token" */
  token?: string;
  /** Used in the 403 message, like Google's "The caller does not have permission". */
  serviceAccountEmail?: string;
  /** Answer 429 above this many Sheets requests per rolling minute (real time). */
  quotaPerMinute?: number;
}

export interface SetSheetOptions {
  /** Grid rows. @default max(rows.length, 1) */
  rowCount?: number;
  /** Grid columns. @default max(26, widest row) */
  columnCount?: number;
}

interface Tab {
  title: string;
  gid: number;
  rows: string[][];
  rowCount: number;
  columnCount: number;
}

interface ParsedRange {
  tab: Tab;
  /** 0-based inclusive bounds; undefined = open. */
  c1: number;
  r1: number;
  c2: number | undefined;
  r2: number | undefined;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly googleStatus: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeSheetsServer {
  /** Root URL ending in "/", for SHEETS_API_URL. */
  url: string;
  /** For a service-account key's token_uri. */
  tokenUrl: string;
  token: string;
  requests: FakeSheetsRequest[];
  setSheet(spreadsheetId: string, tabTitle: string, gid: number, rows: string[][], options?: SetSheetOptions): void;
  /** A copy of the tab's cells, trailing empty cells/rows kept as stored. */
  getSheet(spreadsheetId: string, tabTitle: string): string[][];
  /** Grid size of a tab. */
  getGrid(spreadsheetId: string, tabTitle: string): { rowCount: number; columnCount: number };
  /** Inserts a row before sheet row `atRow` (1-based), like a person doing "Insert row above". */
  insertRow(spreadsheetId: string, tabTitle: string, atRow: number, values: string[]): void;
  /** Deletes sheet row `row` (1-based). */
  deleteRow(spreadsheetId: string, tabTitle: string, row: number): void;
  /** The next `count` Sheets requests (not token requests) answer `status` with Google's error JSON. */
  failNext(status: number, count?: number, options?: { retryAfter?: string }): void;
  /** The next `count` Sheets requests are answered by destroying the socket. */
  resetNext(count?: number): void;
  /** The next `count` token requests answer 400 invalid_grant, as Google does for a revoked or wrong key. */
  rejectNextToken(count?: number): void;
  close(): Promise<void>;
}

const GOOGLE_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export async function startFakeSheetsServer(options: FakeSheetsServerOptions = {}): Promise<FakeSheetsServer> {
  const token = options.token ?? "fake-access-token";
  const spreadsheets = new Map<string, Tab[]>();
  const requests: FakeSheetsRequest[] = [];
  const failures: Array<{ status: number; retryAfter?: string }> = [];
  let resets = 0;
  let tokenRejections = 0;
  const recent: number[] = [];

  function tabsOf(id: string): Tab[] {
    const tabs = spreadsheets.get(id);
    if (!tabs) throw new HttpError(404, "NOT_FOUND", "Requested entity was not found.");
    return tabs;
  }
  function findTab(id: string, title: string): Tab {
    const tab = tabsOf(id).find((t) => t.title === title);
    if (!tab) throw new Error(`fake: no tab "${title}" in ${id}`);
    return tab;
  }

  function parseRange(id: string, a1: string): ParsedRange {
    const tabs = tabsOf(id);
    let sheetPart: string | undefined;
    let cellPart: string | undefined;
    if (a1.startsWith("'")) {
      let i = 1;
      let title = "";
      for (; i < a1.length; i++) {
        if (a1[i] === "'") {
          if (a1[i + 1] === "'") {
            title += "'";
            i++;
          } else break;
        } else title += a1[i];
      }
      if (i >= a1.length) throw badRange(a1);
      sheetPart = title;
      const rest = a1.slice(i + 1);
      if (rest !== "" && !rest.startsWith("!")) throw badRange(a1);
      cellPart = rest === "" ? undefined : rest.slice(1);
    } else {
      const bang = a1.lastIndexOf("!");
      if (bang === -1) {
        // Either a bare tab name or bare cells on the first tab.
        if (tabs.some((t) => t.title === a1)) sheetPart = a1;
        else cellPart = a1;
      } else {
        sheetPart = a1.slice(0, bang);
        cellPart = a1.slice(bang + 1);
      }
    }
    const tab = sheetPart === undefined ? tabs[0] : tabs.find((t) => t.title === sheetPart);
    if (!tab) throw badRange(a1);
    if (cellPart === undefined || cellPart === "") return { tab, c1: 0, r1: 0, c2: undefined, r2: undefined };
    const [from, to = from] = cellPart.split(":") as [string, string?];
    const a = parseCell(from!, a1);
    const b = parseCell(to!, a1);
    return {
      tab,
      c1: a.col ?? 0,
      r1: a.row ?? 0,
      c2: b.col,
      r2: b.row,
    };
  }

  function parseCell(text: string, whole: string): { col?: number; row?: number } {
    const m = /^([A-Za-z]*)(\d*)$/.exec(text);
    if (!m || (m[1] === "" && m[2] === "")) throw badRange(whole);
    let col: number | undefined;
    if (m[1]) {
      col = 0;
      for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
      col -= 1;
    }
    const row = m[2] ? Number(m[2]) - 1 : undefined;
    if (row !== undefined && row < 0) throw badRange(whole);
    return { ...(col !== undefined ? { col } : {}), ...(row !== undefined ? { row } : {}) };
  }

  function badRange(a1: string): HttpError {
    return new HttpError(400, "INVALID_ARGUMENT", `Unable to parse range: ${a1}`);
  }

  function readRange(r: ParsedRange, a1: string): { range: string; values?: string[][] } {
    const lastRow = Math.min(r.r2 ?? Infinity, r.tab.rowCount - 1, r.tab.rows.length - 1);
    const out: string[][] = [];
    for (let row = r.r1; row <= lastRow; row++) {
      const src = r.tab.rows[row] ?? [];
      const lastCol = Math.min(r.c2 ?? Infinity, r.tab.columnCount - 1, src.length - 1);
      const cells: string[] = [];
      for (let c = r.c1; c <= lastCol; c++) cells.push(src[c] ?? "");
      while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
      out.push(cells);
    }
    while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
    const range = a1.includes("!") || a1.startsWith("'") ? a1 : `${quote(r.tab.title)}!${a1}`;
    return out.length > 0 ? { range, values: out } : { range };
  }

  function writeRange(r: ParsedRange, values: unknown, valueInputOption: string | undefined): number {
    if (valueInputOption !== "RAW" && valueInputOption !== "USER_ENTERED") {
      throw new HttpError(400, "INVALID_ARGUMENT", "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED");
    }
    if (!Array.isArray(values)) throw new HttpError(400, "INVALID_ARGUMENT", "values must be a list");
    let cells = 0;
    values.forEach((rowValues: unknown, i: number) => {
      if (!Array.isArray(rowValues)) throw new HttpError(400, "INVALID_ARGUMENT", "each row must be a list");
      const row = r.r1 + i;
      if (r.r2 !== undefined && row > r.r2)
        throw new HttpError(
          400,
          "INVALID_ARGUMENT",
          "Requested writing within range, but tried writing to row beyond it",
        );
      rowValues.forEach((value: unknown, j: number) => {
        const col = r.c1 + j;
        if (r.c2 !== undefined && col > r.c2)
          throw new HttpError(
            400,
            "INVALID_ARGUMENT",
            "Requested writing within range, but tried writing to column beyond it",
          );
        if (row >= r.tab.rowCount || col >= r.tab.columnCount) {
          throw new HttpError(
            400,
            "INVALID_ARGUMENT",
            `Range (${r.tab.title}!R${row + 1}C${col + 1}) exceeds grid limits. Max rows: ${r.tab.rowCount}, max columns: ${r.tab.columnCount}`,
          );
        }
        while (r.tab.rows.length <= row) r.tab.rows.push([]);
        const target = r.tab.rows[row]!;
        while (target.length <= col) target.push("");
        let text = value === null || value === undefined ? "" : String(value);
        // Simulates how USER_ENTERED interprets input, so a test can tell RAW was used.
        if (valueInputOption === "USER_ENTERED") {
          if (/^\+\d+$/.test(text)) text = text.slice(1);
          else if (text.startsWith("=")) text = "#FORMULA";
        }
        target[col] = text;
        cells++;
      });
    });
    return cells;
  }

  async function handleSheets(
    req: IncomingMessage,
    url: URL,
    path: string,
    body: unknown,
    res: ServerResponse,
  ): Promise<void> {
    const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(path);
    if (!m) throw new HttpError(404, "NOT_FOUND", `fake: no route for ${req.method} ${path}`);
    const id = m[1]!;
    const rest = m[2]!;
    const method = req.method ?? "GET";

    if (rest === "" && method === "GET") {
      const tabs = tabsOf(id);
      return json(res, 200, {
        spreadsheetId: id,
        properties: { title: `Fake ${id}` },
        spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${id}/edit`,
        sheets: tabs.map((t, index) => ({
          properties: {
            sheetId: t.gid,
            title: t.title,
            index,
            sheetType: "GRID",
            gridProperties: { rowCount: t.rowCount, columnCount: t.columnCount },
          },
        })),
      });
    }
    if (rest === ":batchUpdate" && method === "POST") {
      const tabs = tabsOf(id);
      const reqs = (body as { requests?: unknown[] }).requests ?? [];
      for (const r of reqs as Array<{ appendDimension?: { sheetId: number; dimension: string; length: number } }>) {
        if (!r.appendDimension) throw new HttpError(400, "INVALID_ARGUMENT", "fake: only appendDimension is supported");
        const tab = tabs.find((t) => t.gid === r.appendDimension!.sheetId);
        if (!tab) throw new HttpError(400, "INVALID_ARGUMENT", `No grid with id: ${r.appendDimension.sheetId}`);
        if (r.appendDimension.dimension === "COLUMNS") tab.columnCount += r.appendDimension.length;
        else tab.rowCount += r.appendDimension.length;
      }
      return json(res, 200, { spreadsheetId: id, replies: reqs.map(() => ({})) });
    }
    if (rest === "/values:batchGet" && method === "GET") {
      const ranges = url.searchParams.getAll("ranges");
      return json(res, 200, {
        spreadsheetId: id,
        valueRanges: ranges.map((a1) => ({ majorDimension: "ROWS", ...readRange(parseRange(id, a1), a1) })),
      });
    }
    if (rest === "/values:batchUpdate" && method === "POST") {
      const b = body as { valueInputOption?: string; data?: Array<{ range: string; values: unknown }> };
      // Validate every range first: Google applies a batch all-or-nothing.
      const parsed = (b.data ?? []).map((d) => ({ range: parseRange(id, d.range), values: d.values }));
      let total = 0;
      for (const d of parsed) total += writeRange(d.range, d.values, b.valueInputOption);
      return json(res, 200, { spreadsheetId: id, totalUpdatedCells: total, totalUpdatedRanges: parsed.length });
    }
    const valuesMatch = /^\/values\/(.+)$/.exec(rest);
    if (valuesMatch) {
      const a1 = valuesMatch[1]!;
      const r = parseRange(id, a1);
      if (method === "GET") return json(res, 200, { majorDimension: "ROWS", ...readRange(r, a1) });
      if (method === "PUT") {
        const cells = writeRange(
          r,
          (body as { values?: unknown }).values,
          url.searchParams.get("valueInputOption") ?? undefined,
        );
        return json(res, 200, { spreadsheetId: id, updatedRange: a1, updatedCells: cells });
      }
    }
    throw new HttpError(404, "NOT_FOUND", `fake: no route for ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const path = decodeURIComponent(url.pathname);
        const raw = Buffer.concat(chunks).toString("utf8");
        const auth = req.headers.authorization;

        if (path === "/token") {
          const form = new URLSearchParams(raw);
          const body = Object.fromEntries(form);
          requests.push({ method: req.method ?? "", path, query: url.searchParams, body, ...(auth ? { auth } : {}) });
          if (req.method !== "POST") return json(res, 405, { error: "invalid_request" });
          if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer" || !form.get("assertion")) {
            return json(res, 400, { error: "invalid_grant", error_description: "Invalid JWT grant" });
          }
          if (tokenRejections > 0) {
            tokenRejections--;
            return json(res, 400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
          }
          return json(res, 200, { access_token: token, expires_in: 3600, token_type: "Bearer" });
        }

        let body: unknown;
        try {
          body = raw === "" ? undefined : JSON.parse(raw);
        } catch {
          return googleError(res, new HttpError(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
        }
        const valueInputOption =
          url.searchParams.get("valueInputOption") ??
          (body &&
          typeof body === "object" &&
          typeof (body as { valueInputOption?: unknown }).valueInputOption === "string"
            ? (body as { valueInputOption: string }).valueInputOption
            : undefined);
        requests.push({
          method: req.method ?? "",
          path,
          query: url.searchParams,
          body,
          ...(valueInputOption !== undefined ? { valueInputOption } : {}),
          ...(auth ? { auth } : {}),
        });

        if (resets > 0) {
          resets--;
          req.socket.destroy();
          return;
        }
        if (auth !== `Bearer ${token}`) {
          return googleError(
            res,
            new HttpError(
              401,
              "UNAUTHENTICATED",
              "Request had invalid authentication credentials. Expected OAuth 2 access token.",
            ),
          );
        }
        const failure = failures.shift();
        if (failure) {
          const message =
            failure.status === 403
              ? `The caller does not have permission${options.serviceAccountEmail ? ` (${options.serviceAccountEmail})` : ""}`
              : failure.status === 429
                ? "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'"
                : "Internal error encountered.";
          return googleError(
            res,
            new HttpError(failure.status, GOOGLE_STATUS[failure.status] ?? "UNKNOWN", message),
            failure.retryAfter,
          );
        }
        if (options.quotaPerMinute !== undefined) {
          const t = Date.now();
          while (recent.length > 0 && recent[0]! <= t - 60_000) recent.shift();
          if (recent.length >= options.quotaPerMinute) {
            return googleError(
              res,
              new HttpError(
                429,
                "RESOURCE_EXHAUSTED",
                "Quota exceeded for quota metric 'Requests per minute per user'",
              ),
            );
          }
          recent.push(t);
        }
        try {
          await handleSheets(req, url, path, body, res);
        } catch (error) {
          if (error instanceof HttpError) return googleError(res, error);
          return googleError(res, new HttpError(500, "INTERNAL", String(error)));
        }
      })();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/`;

  return {
    url: base,
    tokenUrl: `${base}token`,
    token,
    requests,
    setSheet(spreadsheetId, tabTitle, gid, rows, opts = {}) {
      const tabs = spreadsheets.get(spreadsheetId) ?? [];
      const copy = rows.map((r) => [...r]);
      const widest = copy.reduce((w, r) => Math.max(w, r.length), 0);
      const tab: Tab = {
        title: tabTitle,
        gid,
        rows: copy,
        rowCount: opts.rowCount ?? Math.max(copy.length, 1),
        columnCount: opts.columnCount ?? Math.max(26, widest),
      };
      const existing = tabs.findIndex((t) => t.title === tabTitle);
      if (existing === -1) tabs.push(tab);
      else tabs[existing] = tab;
      spreadsheets.set(spreadsheetId, tabs);
    },
    getSheet(spreadsheetId, tabTitle) {
      return findTab(spreadsheetId, tabTitle).rows.map((r) => [...r]);
    },
    getGrid(spreadsheetId, tabTitle) {
      const tab = findTab(spreadsheetId, tabTitle);
      return { rowCount: tab.rowCount, columnCount: tab.columnCount };
    },
    insertRow(spreadsheetId, tabTitle, atRow, values) {
      const tab = findTab(spreadsheetId, tabTitle);
      while (tab.rows.length < atRow - 1) tab.rows.push([]);
      tab.rows.splice(atRow - 1, 0, [...values]);
      tab.rowCount++;
    },
    deleteRow(spreadsheetId, tabTitle, row) {
      const tab = findTab(spreadsheetId, tabTitle);
      tab.rows.splice(row - 1, 1);
      tab.rowCount = Math.max(1, tab.rowCount - 1);
    },
    failNext(status, count = 1, opts = {}) {
      for (let i = 0; i < count; i++)
        failures.push({ status, ...(opts.retryAfter !== undefined ? { retryAfter: opts.retryAfter } : {}) });
    },
    resetNext(count = 1) {
      resets += count;
    },
    rejectNextToken(count = 1) {
      tokenRejections += count;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

function quote(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function googleError(res: ServerResponse, error: HttpError, retryAfter?: string): void {
  json(
    res,
    error.status,
    { error: { code: error.status, message: error.message, status: error.googleStatus } },
    retryAfter !== undefined ? { "retry-after": retryAfter } : {},
  );
}
