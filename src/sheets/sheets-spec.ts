import { UsageError } from "../errors.js";
import { text } from "../messages/text.js";

/** Where a Google Sheets source lives: the spreadsheet and, optionally, which tab. */
export interface SheetsSpec {
  spreadsheetId: string;
  /** The tab's sheetId from `#gid=` / `?gid=` in the URL. */
  gid?: number;
  /** The tab title from `--sheet`. When both are known the title wins (it is what the person typed last). */
  sheet?: string;
}

const SHEETS_PREFIX = "sheets:";
const DOCS_HOST = "docs.google.com";
/** /spreadsheets/d/ID/… and the multi-account form /spreadsheets/u/1/d/ID/… */
const PATH_RE = /^\/spreadsheets\/(?:u\/\d+\/)?d\/([^/]+)(?:\/|$)/;
const ID_RE = /^[A-Za-z0-9_-]+$/;

/** True when the --source value names a Google Sheet rather than a CSV path. */
export function isSheetsSpec(spec: string): boolean {
  const trimmed = spec.trim();
  if (trimmed.toLowerCase().startsWith(SHEETS_PREFIX)) return true;
  const url = tryUrl(trimmed);
  return url !== undefined && url.hostname === DOCS_HOST && url.pathname.startsWith("/spreadsheets/");
}

/**
 * Parses `https://docs.google.com/spreadsheets/d/ID/edit#gid=GID` (also `?gid=`, `/edit?usp=sharing`, no gid) or
 * `sheets:ID` (optionally `sheets:ID#gid=GID`). `sheetFlag` is the `--sheet "Tab name"` value.
 *
 * @returns undefined when `spec` is not a Sheets spec at all (it is then a CSV path).
 * @throws UsageError when it looks like a Sheets spec but carries no usable spreadsheet id.
 */
export function parseSheetsSpec(spec: string, sheetFlag?: string): SheetsSpec | undefined {
  if (!isSheetsSpec(spec)) return undefined;
  const trimmed = spec.trim();
  let spreadsheetId: string | undefined;
  let gidText: string | undefined;

  if (trimmed.toLowerCase().startsWith(SHEETS_PREFIX)) {
    const rest = trimmed.slice(SHEETS_PREFIX.length);
    const hash = rest.indexOf("#");
    spreadsheetId = (hash === -1 ? rest : rest.slice(0, hash)).trim();
    if (hash !== -1) gidText = new URLSearchParams(rest.slice(hash + 1)).get("gid") ?? undefined;
  } else {
    const url = tryUrl(trimmed)!;
    spreadsheetId = PATH_RE.exec(url.pathname)?.[1];
    // The browser puts the tab in the fragment (#gid=123, sometimes #gid=123&range=A1); shared links use ?gid=.
    gidText = new URLSearchParams(url.hash.replace(/^#/, "")).get("gid") ?? url.searchParams.get("gid") ?? undefined;
  }

  if (!spreadsheetId || !ID_RE.test(spreadsheetId)) {
    throw new UsageError(text("google.badAddress", { spec }), { code: "USAGE_SHEETS_SPEC" });
  }

  const result: SheetsSpec = { spreadsheetId };
  if (gidText !== undefined && gidText !== "") {
    const gid = Number(gidText);
    if (!Number.isInteger(gid) || gid < 0) {
      throw new UsageError(text("google.badGid", { spec, gid: gidText }), {
        code: "USAGE_SHEETS_SPEC",
      });
    }
    result.gid = gid;
  }
  const sheet = sheetFlag?.trim();
  if (sheet) result.sheet = sheet;
  return result;
}

/** The browser URL of a spreadsheet (and tab, when its gid is known). */
export function spreadsheetUrl(spreadsheetId: string, gid?: number): string {
  const base = `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
  return gid === undefined ? base : `${base}#gid=${gid}`;
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
