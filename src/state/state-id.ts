import { createHash } from "node:crypto";
import path from "node:path";

/** What a journal belongs to (one journal per source, account and phone). */
export interface StateIdInput {
  /** `Source.id`: absolute CSV path, `-` for stdin, or `sheets:ID#Tab`. */
  sourceId: string;
  accountId: string;
  phoneId: string;
}

const SLUG_MAX = 40;
const HASH_CHARS = 12;

/**
 * A filesystem-safe id for the journal of (source, account, phone): `<slug>-<12 hex>`.
 * The slug is only for people listing `.chatguru-sync/`; the hash is what keeps two accounts, two phones, or two
 * CSVs with the same name in different folders apart. The API key is deliberately not an input: rotating the key
 * must not orphan the journal, and a secret must never be derivable from a file name.
 */
export function stateId({ sourceId, accountId, phoneId }: StateIdInput): string {
  const digest = createHash("sha256").update(`${sourceId}\0${accountId}\0${phoneId}`).digest("hex");
  return `${slugOfSource(sourceId)}-${digest.slice(0, HASH_CHARS)}`;
}

/** `<cwd>/.chatguru-sync/<id>.ndjson` (the default; `--state` overrides). */
export function defaultStatePath(cwd: string, id: string): string {
  return path.join(cwd, ".chatguru-sync", `${id}.ndjson`);
}

function slugOfSource(sourceId: string): string {
  if (sourceId === "-") return "stdin";
  const sheet = /^sheets:([A-Za-z0-9_-]+)(?:[#!/](.*))?$/s.exec(sourceId);
  if (sheet) return slugify(`${sheet[1]}${sheet[2] ? `-${sheet[2]}` : ""}`);
  const url = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(sourceId);
  if (url) {
    const gid = /[#&?]gid=(\d+)/.exec(sourceId);
    return slugify(`${url[1]}${gid ? `-gid${gid[1]}` : ""}`);
  }
  // Split on both separators: a Windows path must give the same slug whichever OS computes it.
  const base = sourceId.split(/[\\/]/).pop() ?? "";
  const withoutExt = base.replace(/\.[^.]+$/, "");
  return slugify(withoutExt || base);
}

export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
  return slug || "source";
}
