import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { RunAbortedError } from "../errors.js";
import { acquireLockFile, type LockOwner, type StateLock } from "./state-lock.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";

/**
 * One lock per ChatGuru (endpoint, account, phone) on this machine, in the user's state folder, besides the journal's
 * own lock. Two copies of one mapping in two folders each keep their own journal, so the journal's lock cannot see
 * the other run: both added the same chats and both added every note. ChatGuru's rate limit is per account too, so
 * two runs would also fight over it. Runs against one account and phone therefore take turns: the second one stops
 * at once (exit 3, naming the holder) rather than waiting — a schedule simply runs again at its next turn, and a
 * waiting run would pile up behind a long import.
 */

/** The environment variables that say where the locks live, read from the CLI's environment (never process.env). */
export type LockEnv = Readonly<Record<string, string | undefined>>;

/**
 * `CHATGURU_SYNC_LOCK_DIR`, else `$XDG_STATE_HOME/chatguru-sync/locks`, else `~/.local/state/chatguru-sync/locks`.
 */
export function defaultLockDir(env: LockEnv = {}): string {
  if (env.CHATGURU_SYNC_LOCK_DIR) return env.CHATGURU_SYNC_LOCK_DIR;
  const base = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), ".local", "state");
  return path.join(base, "chatguru-sync", "locks");
}

export interface AccountIdentity {
  apiUrl: string;
  accountId: string;
  phoneId: string;
}

/** `<dir>/<hash>.lock`; the hash hides the account id and makes `https://X/api/v1/` and `https://x/api/v1` one. */
export function accountLockPath(dir: string, account: AccountIdentity): string {
  const hash = createHash("sha256")
    .update(`${endpointOf(account.apiUrl)}\n${account.accountId.trim()}\n${account.phoneId.trim()}`)
    .digest("hex")
    .slice(0, 24);
  return path.join(dir, `${hash}.lock`);
}

function endpointOf(apiUrl: string): string {
  try {
    const url = new URL(apiUrl.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return apiUrl.trim();
  }
}

export interface AccountLockOptions {
  dir: string;
  /** The journal this run uses, named to a second run so it knows which copy is running. */
  journal?: string;
  /** `said`: the warning as a catalog Text, for the person's language. */
  onWarning?: (message: string, said?: Text) => void;
  now?: () => Date;
}

/** Takes the account's lock (a dead holder's is taken over), or throws ACCOUNT_LOCKED (exit 3). */
export async function acquireAccountLock(account: AccountIdentity, options: AccountLockOptions): Promise<StateLock> {
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  return await acquireLockFile(accountLockPath(options.dir, account), {
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.journal !== undefined ? { journal: options.journal } : {}),
    lockedError: accountLocked,
  });
}

function accountLocked(lockPath: string, owner: LockOwner): RunAbortedError {
  const host = owner.hostname === os.hostname() ? undefined : owner.hostname;
  return new RunAbortedError(
    "ACCOUNT_LOCKED",
    text("lock.account", { lock: lockPath, pid: owner.pid, host, startedAt: owner.startedAt, journal: owner.journal }),
    { context: { file: lockPath, pid: owner.pid, hostname: owner.hostname, startedAt: owner.startedAt } },
  );
}
