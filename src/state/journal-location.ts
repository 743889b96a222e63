import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { copyFile, mkdir, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { errnoCode } from "../util/errno.js";
import { syncDirectory } from "../util/durable-fs.js";
import { defaultStatePath, stateId, slugify } from "./state-id.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";

/** Folder beside the mapping file that holds its journals. */
export const JOURNAL_DIR = ".chatguru-sync";
const HASH_CHARS = 12;

export interface JournalOwner {
  /** Absolute path of the mapping file. */
  mappingPath: string;
  accountId: string;
  phoneId: string;
}

/**
 * The journal of (mapping file, account, phone) — `<mapping folder>/.chatguru-sync/<mapping>-<12 hex>.ndjson`.
 * Neither the source's name or folder nor the working directory is an input, so a re-downloaded `leads (1).csv`, a
 * moved file or a run from another folder continues the same journal. The mapping's folder is not hashed either: the
 * journal sits beside it, so moving the folder moves both. The API key is deliberately not an input (rotating it must
 * not orphan the journal, and no secret may be derivable from a file name).
 */
export function journalPath({ mappingPath, accountId, phoneId }: JournalOwner): string {
  const name = path.basename(mappingPath);
  const digest = createHash("sha256").update(`mapping\0${name}\0${accountId}\0${phoneId}`).digest("hex");
  return path.join(
    path.dirname(mappingPath),
    JOURNAL_DIR,
    `${mappingSlug(mappingPath)}-${digest.slice(0, HASH_CHARS)}.ndjson`,
  );
}

function mappingSlug(mappingPath: string): string {
  return slugify(path.basename(mappingPath).replace(/\.[^.]+$/, ""));
}

/** Journals of earlier releases: `<working dir>/.chatguru-sync/<source>-<hash>.ndjson`, keyed by the source's path. */
export function legacyJournalPath(cwd: string, sourceId: string, accountId: string, phoneId: string): string {
  return defaultStatePath(cwd, stateId({ sourceId, accountId, phoneId }));
}

/**
 * Moves an old-layout journal (and nothing else) to its new place when the new one does not exist yet, so nobody loses
 * their state on upgrade. Returns the old path when it moved. A rename across file systems falls back to copy.
 */
export async function adoptLegacyJournal(target: string, legacy: string): Promise<string | undefined> {
  if (legacy === target || existsSync(target) || !existsSync(legacy) || existsSync(`${legacy}.lock`)) return undefined;
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(legacy, target);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return undefined; // another run adopted it first
    if (errnoCode(error) !== "EXDEV") throw error;
    await copyFile(legacy, target);
    await unlink(legacy);
  }
  await syncDirectory(path.dirname(target));
  return legacy;
}

/**
 * Journals beside a mapping, for a dry run without connection settings (the account and phone are part of the id):
 * a mapping used with one account has exactly one.
 */
export function journalsBesideMapping(mappingPath: string): string[] {
  const dir = path.join(path.dirname(mappingPath), JOURNAL_DIR);
  const prefix = `${mappingSlug(mappingPath)}-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(prefix) && /^[0-9a-f]{12}\.ndjson$/.test(name.slice(prefix.length)))
    .map((name) => path.join(dir, name));
}

export interface JournalChoice {
  /** The journal to use; undefined = none (a dry run without connection settings and no journal beside the mapping). */
  path: string | undefined;
  /** What a person should know about the choice (an adopted old journal, a plan without history). */
  notices: Text[];
}

export interface JournalRequest {
  /** `--state`, resolved against `cwd`. */
  state?: string | undefined;
  cwd: string;
  mappingPath: string;
  /** `Source.id`: only to find a journal of the old layout. */
  sourceId: string;
  connection?: { accountId: string; phoneId: string } | undefined;
  dryRun: boolean;
}

/** Which journal a run uses, adopting an old-layout journal on the first run after an upgrade. */
export async function chooseJournal(request: JournalRequest): Promise<JournalChoice> {
  const { cwd, connection } = request;
  if (request.state) return { path: path.resolve(cwd, request.state), notices: [] };
  const mappingPath = path.resolve(cwd, request.mappingPath);
  if (!connection) return journalForPlanWithoutAccount(mappingPath);
  const target = journalPath({ mappingPath, ...connection });
  const legacy = legacyJournalPath(cwd, request.sourceId, connection.accountId, connection.phoneId);
  if (request.dryRun) {
    // A dry run never moves files: it plans from the old journal where the next real run will adopt it.
    return { path: !existsSync(target) && existsSync(legacy) ? legacy : target, notices: [] };
  }
  const adopted = await adoptLegacyJournal(target, legacy);
  const notices = adopted ? [text("state.adopted", { from: adopted, to: target })] : [];
  return { path: target, notices };
}

/** The account and phone are part of a journal's name: without them, the one journal beside the mapping is the one. */
function journalForPlanWithoutAccount(mappingPath: string): JournalChoice {
  const found = journalsBesideMapping(mappingPath);
  if (found.length === 1) return { path: found[0], notices: [] };
  if (found.length === 0) {
    return { path: undefined, notices: [text("state.noJournalYet", { mapping: mappingPath })] };
  }
  return {
    path: undefined,
    notices: [text("state.manyJournals", { count: found.length, mapping: mappingPath })],
  };
}
