/**
 * What a server may echo of a secret besides the whole of it: a piece (`key inválida: AbCdEf0123456789…`, a log line
 * cut at 20 characters) or its base64 / base64url form (a `Basic` header quoted back, a token a proxy re-encoded).
 * A run of PARTIAL_RUN characters is far too long to occur by chance in a text and far too much of a key to show:
 * every run that long of the secret — or of one of its base64 forms — is masked.
 */

/** Shortest piece of a secret that is masked on its own. */
export const PARTIAL_RUN = 12;
/** Base64 forms are masked only for secrets at least this long (a shorter one's base64 could be any short word). */
const MIN_BASE64_SECRET = 8;

/**
 * The base64 and base64url spellings of `secret`, without padding. Base64 encodes 3 bytes at a time, so the same key
 * reads differently depending on where it starts inside the encoded text (`Basic base64("acc:" + key)` starts it one
 * byte into a group): the encodings of the key from its 2nd and 3rd byte on cover the other two alignments.
 */
export function base64Forms(secret: string): string[] {
  if (secret.length < MIN_BASE64_SECRET) return [];
  const bytes = Buffer.from(secret, "utf8");
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const standard = bytes.subarray(offset).toString("base64").replace(/=+$/, "");
    forms.push(standard, standard.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...new Set(forms)];
}

// A polynomial rolling hash over PARTIAL_RUN characters finds candidate runs in one pass (a Set lookup per character,
// no substring per position); a candidate is then compared for real. Products stay below 2^53.
const BASE = 131;
const MOD = 1_000_000_007;
let dropFactor = 1;
for (let i = 1; i < PARTIAL_RUN; i++) dropFactor = (dropFactor * BASE) % MOD;

function hashOf(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + PARTIAL_RUN; i++) hash = (hash * BASE + text.charCodeAt(i)) % MOD;
  return hash;
}

/** Every PARTIAL_RUN-character piece of a set of strings, ready for a scan. */
export interface RunIndex {
  pieces: ReadonlySet<string>;
  hashes: ReadonlySet<number>;
}

export function runIndex(forms: readonly string[]): RunIndex {
  const pieces = new Set<string>();
  const hashes = new Set<number>();
  for (const form of forms) {
    for (let i = 0; i + PARTIAL_RUN <= form.length; i++) {
      pieces.add(form.slice(i, i + PARTIAL_RUN));
      hashes.add(hashOf(form, i));
    }
  }
  return { pieces, hashes };
}

/**
 * Replaces every stretch of `text` made of overlapping PARTIAL_RUN-character pieces of the index with `mask`: a run
 * of 20 characters of the key is 9 overlapping pieces, masked as one.
 */
export function maskRuns(text: string, index: RunIndex, mask: string): string {
  if (text.length < PARTIAL_RUN || index.pieces.size === 0) return text;
  let out = "";
  let copied = 0;
  let runStart = -1;
  let runEnd = -1;
  let hash = hashOf(text, 0);
  for (let i = 0; ; i++) {
    if (index.hashes.has(hash) && index.pieces.has(text.slice(i, i + PARTIAL_RUN))) {
      if (i > runEnd) {
        if (runStart >= 0) {
          out += `${text.slice(copied, runStart)}${mask}`;
          copied = runEnd;
        }
        runStart = i;
      }
      runEnd = i + PARTIAL_RUN;
    }
    if (i + PARTIAL_RUN >= text.length) break;
    hash = (hash - ((text.charCodeAt(i) * dropFactor) % MOD) + MOD) % MOD;
    hash = (hash * BASE + text.charCodeAt(i + PARTIAL_RUN)) % MOD;
  }
  if (runStart < 0) return text;
  return `${out}${text.slice(copied, runStart)}${mask}${text.slice(runEnd)}`;
}
