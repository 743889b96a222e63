import type { Entry } from "../catalog.js";

const s = (n: number, one: string, other: string) => (n === 1 ? one : other);

/**
 * The web app's words (`chatguru-sync ui`) every page shares: the command's own lines, the frame, the steps, the
 * pager, errors the pages word themselves, and outcomes. Pages' own words are in ui-setup.ts and ui-send.ts, the
 * server's in ui-server.ts; each key English first, then pt-BR (the typecheck refuses one without the other).
 */
export const uiEn = {
  "ui.cli.started": (p: { root: string }) =>
    `app folder: ${p.root}\nOpen the address above in a browser (it carries the access token). Stop with Ctrl-C.`,
  "ui.cli.stopping": (p: { n: number }) => `stopping ${p.n} run${p.n === 1 ? "" : "s"} gracefully…`,
  "ui.cli.stopped": "ui stopped",
  "ui.cli.dirInvalid": (p: { value: string }) => `--dir must be an existing folder, got "${p.value}".`,
  "ui.cli.portInUse": (p: { port: number }) =>
    `--port ${p.port} is in use by another program; pick another or use --port 0.`,
  "ui.app.name": "chatguru-sync",
  "ui.app.tagline": "Import contacts into ChatGuru",
  "ui.app.skipToContent": "Skip to content",
  "ui.common.continue": "Continue",
  "ui.common.back": "Back",
  "ui.common.loading": "Loading…",
  "ui.common.row": "Row",
  "ui.common.rowN": (p: { row: number }) => `Row ${p.row}`,
  "ui.common.none": "—",
  "ui.notice.ok": "Done:",
  "ui.notice.warning": "Warning:",
  "ui.notice.error": "Error:",
  "ui.notice.info": "Note:",
  "ui.steps.label": "Import steps",
  "ui.steps.current": "(current step)",
  "ui.steps.conexao": "Connection",
  "ui.steps.arquivo": "File",
  "ui.steps.colunas": "Columns",
  "ui.steps.revisao": "Review",
  "ui.steps.envio": "Sending",
  "ui.steps.resultado": "Result",
  "ui.pager.previous": "Previous",
  "ui.pager.next": "Next",
  "ui.pager.range": (p: { first: string; last: string; total: string }) => `${p.first}–${p.last} of ${p.total}`,
  "ui.errors.summaryTitle": "Fix these before going on",
  "ui.errors.session":
    "The session expired, or this address was not opened from the terminal's link. Open the link the chatguru-sync ui command printed again.",
  "ui.errors.tooLarge": "The file is larger than the largest size accepted.",
  "ui.errors.offline": "Could not reach chatguru-sync on this computer. Is it still open in the terminal?",
  "ui.errors.http": (p: { status: number }) =>
    `chatguru-sync answered with an unexpected error (HTTP ${p.status}). Try again.`,
  "ui.errors.unexpected": "Something went wrong. Try again; if it keeps happening, close and reopen chatguru-sync ui.",
  "ui.notFound.title": "Page not found",
  "ui.notFound.body": "This address does not exist in chatguru-sync.",
  "ui.notFound.back": "Go to the start",
  "ui.duration.about": (p: { duration: string }) => `about ${p.duration}`,
  "ui.outcome.created": "Created",
  "ui.outcome.updated": "Updated",
  "ui.outcome.unchanged": "Unchanged",
  "ui.outcome.pending": "Pending",
  "ui.outcome.invalid": "Invalid",
  "ui.outcome.duplicate": "Duplicate",
  "ui.outcome.failed": "Failed",
  "ui.outcome.skipped": "Not sent",
  /** The word after a count ("3 created"), agreeing with it. */
  "ui.outcomeWord.created": (_p: { n: number }) => "created",
  "ui.outcomeWord.updated": (_p: { n: number }) => "updated",
  "ui.outcomeWord.unchanged": (_p: { n: number }) => "unchanged",
  "ui.outcomeWord.pending": (_p: { n: number }) => "pending",
  "ui.outcomeWord.invalid": (_p: { n: number }) => "invalid",
  "ui.outcomeWord.duplicate": (p: { n: number }) => s(p.n, "duplicate", "duplicates"),
  "ui.outcomeWord.failed": (p: { n: number }) => s(p.n, "failure", "failures"),
} satisfies Record<string, Entry>;
