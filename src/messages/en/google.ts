import type { Entry } from "../catalog.js";

/** Google Sheets: credentials and Google's answers (sheets/). Google's own words are quoted as Google sent them. */
export const googleEn = {
  "google.noCredentials": (p: { scope: string }) =>
    "No Google credentials found for the Sheets source. Use one of:\n" +
    "  1. GOOGLE_ACCESS_TOKEN=<OAuth access token> (e.g. from `gcloud auth print-access-token`; expires after ~1 h);\n" +
    "  2. GOOGLE_APPLICATION_CREDENTIALS=<path to a service-account JSON key>, then share the sheet (Editor) with the " +
    "key's client_email;\n" +
    "  3. Application Default Credentials: `gcloud auth application-default login " +
    `--scopes=openid,https://www.googleapis.com/auth/userinfo.email,${p.scope}\`, or run on Google Cloud.`,
  "google.keyFileMissing": (p: { path: string }) =>
    `GOOGLE_APPLICATION_CREDENTIALS points to ${p.path}, which does not exist.`,
  "google.keyFileUnreadable": (p: { path: string; code: string | undefined }) =>
    `Could not read the key file GOOGLE_APPLICATION_CREDENTIALS=${p.path} (${p.code ?? "error"}).`,
  "google.notJsonKey": (p: { path: string }) => `GOOGLE_APPLICATION_CREDENTIALS=${p.path} is not a JSON key file.`,
  "google.keyMissingField": (p: { path: string; field: string }) =>
    `The service-account key ${p.path} has no ${p.field}: ` +
    "download a new JSON key from the Google Cloud console (IAM → Service accounts → Keys).",
  "google.tokenUriInvalid": (p: { path: string }) =>
    `The service-account key ${p.path} has a token_uri that is not a URL.`,
  "google.cannotUse": (p: { origin: string; message: string }) =>
    `Could not use the Google credentials from ${p.origin}: ${p.message}`,
  "google.rejected": (p: { origin: string; message: string }) =>
    "Google rejected the credentials: refresh GOOGLE_ACCESS_TOKEN or check GOOGLE_APPLICATION_CREDENTIALS " +
    `(used ${p.origin}; Google said: ${p.message}).`,
  "google.apiDisabled": (p: { message: string }) =>
    `The Google Sheets API is not enabled for the Google Cloud project of your credentials: enable it ` +
    `(APIs & Services → Library → Google Sheets API) and try again. Google said: ${p.message}`,
  "google.notSharedWith": (p: { id: string; who: string }) =>
    `Google Sheets denied access to spreadsheet ${p.id}: the sheet is not shared with ${p.who}: share it (Editor) with that address.`,
  "google.notShared": (p: { id: string; origin: string }) =>
    `Google Sheets denied access to spreadsheet ${p.id}: the sheet is not shared with the account your credentials ` +
    `belong to (${p.origin}): share it (Editor) with that account.`,
  "google.notFound": (p: { id: string }) => `Google Sheets: spreadsheet ${p.id} not found — check the URL.`,
  "google.requestRejected": (p: { method: string; id: string; status: number; message: string }) =>
    `Google Sheets rejected ${p.method} on spreadsheet ${p.id} with HTTP ${p.status}: ${p.message}`,
  "google.keptFailing": (p: { method: string; id: string | undefined; reason: string; attempts: number }) =>
    `Google Sheets kept failing for ${p.method}${p.id ? ` on spreadsheet ${p.id}` : ""} ` +
    `(${p.reason}) after ${p.attempts} attempts; try again in a few minutes.`,
  "google.networkError": (p: { what: string }) => `network error ${p.what}`,
  "google.badAddress": (p: { spec: string }) =>
    `"${p.spec}" is not a Google Sheets address I can read. Use the URL from the browser ` +
    `(https://docs.google.com/spreadsheets/d/<id>/edit#gid=<tab>) or sheets:<id> with --sheet "Tab name".`,
  "google.badGid": (p: { spec: string; gid: string }) =>
    `"${p.spec}" has gid=${p.gid}, which is not a tab id (a whole number).`,
} satisfies Record<string, Entry>;
