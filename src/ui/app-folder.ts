import { randomBytes } from "node:crypto";
import { join, relative, sep } from "node:path";
import { JOURNAL_DIR } from "../state/journal-location.js";
import { slugify } from "../state/state-id.js";

let lastMs = 0;

/**
 * Server-made ids (`20261207-100452-123-a1b2`): sortable by time to the millisecond (strictly increasing within a
 * server, so two runs started in one second still list in order), and only `[a-z0-9-]`, so never a path.
 */
export function newId(now: Date = new Date()): string {
  const ms = Math.max(now.getTime(), lastMs + 1);
  lastMs = ms;
  const at = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const stamp =
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}-${pad(at.getMilliseconds(), 3)}`;
  return `${stamp}-${randomBytes(2).toString("hex")}`;
}

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

/**
 * `Leads Março (1).xlsx` → `leads-marco`: the name a file's mapping is saved under. A browser's ` (1)` is dropped so a
 * re-downloaded file finds the mapping (and with it the journal) of the first one.
 */
export function nameStem(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, "").replace(/\s*\(\d+\)\s*$/, "");
  return slugify(base);
}

/**
 * The app folder (the working directory of `chatguru-sync ui`, or --dir) and where the app keeps things in it
 * (docs/ui-api.md "What is written where"): mappings at its top, as the CLI expects them; uploads and runs under
 * `.chatguru-sync/ui/`, beside the journals.
 */
export class AppFolder {
  constructor(readonly root: string) {}

  get uiDir(): string {
    return join(this.root, JOURNAL_DIR, "ui");
  }

  get sourcesDir(): string {
    return join(this.uiDir, "sources");
  }

  get runsDir(): string {
    return join(this.uiDir, "runs");
  }

  sourceDir(id: string): string {
    return join(this.sourcesDir, checkedId(id));
  }

  runDir(id: string): string {
    return join(this.runsDir, checkedId(id));
  }

  /** `<app folder>/<stem>.mapping.json`: a normal mapping file, its journal beside it in `.chatguru-sync/`. */
  mappingPath(stem: string): string {
    return join(this.root, `${stem}.mapping.json`);
  }

  /** A path as the pages show it: relative to the app folder, `/`-separated. */
  shown(path: string): string {
    const rel = relative(this.root, path);
    return rel.split(sep).join("/");
  }
}

function checkedId(id: string): string {
  // Ids come from the router's own pattern; this is the belt to its braces.
  if (!ID_PATTERN.test(id)) throw new Error(`not an id: ${JSON.stringify(id)}`);
  return id;
}
