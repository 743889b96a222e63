import { readFileSync, unlinkSync } from "node:fs";
import { open, readFile, stat, unlink } from "node:fs/promises";
import os from "node:os";
import { RunAbortedError } from "../errors.js";
import { errnoCode } from "../util/errno.js";
import { sleep } from "../util/sleep.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

/** A held lock on a state file. */
export interface StateLock {
  /** `<statePath>.lock`. */
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export interface StateLockOptions {
  /** Told when a stale lock is taken over. @default ignore */
  /** `said`: the warning as a catalog Text, for the person's language. */
  onWarning?: (message: string, said?: Text) => void;
  /** @default () => new Date() */
  now?: () => Date;
}

/** A lock file of any kind: the journal's own, or the machine-wide one per ChatGuru account (account-lock.ts). */
export interface LockFileOptions extends StateLockOptions {
  /** The holder's journal, written into the lock for the message a second run gets. */
  journal?: string;
  /** The error a second run gets while the holder is alive. @default the journal's STATE_LOCKED */
  lockedError?: (lockPath: string, owner: LockOwner) => RunAbortedError;
}

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  /** The holder's journal (LockFileOptions.journal), when it wrote one. */
  journal?: string;
  /** Linux: the holder process's start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  procStart?: string;
  /** Linux: /proc/sys/kernel/random/boot_id of the holder's boot. */
  bootId?: string;
}

/** Lock paths this process holds: a lock naming our own pid that is not in here is a previous life's (pid reuse). */
const heldHere = new Set<string>();

/**
 * A lock that fails to parse may be one another process has created (O_EXCL) but not yet written; only once it
 * is this old is it treated as debris from a crash.
 */
const GARBAGE_STALE_MS = 60_000;
const MAX_ATTEMPTS = 10;
const GARBAGE_RECHECK_MS = 25;
const GUARD_STALE_MS = 10_000;

/**
 * Takes `<statePath>.lock` so two runs never append to one journal. A lock whose pid is dead on this
 * host is taken over with a warning; a live one (or one held by another host, whose pid we cannot check) aborts
 * with STATE_LOCKED, exit 3.
 */
export async function acquireStateLock(statePath: string, options: StateLockOptions = {}): Promise<StateLock> {
  return await acquireLockFile(`${statePath}.lock`, options);
}

/** Takes `lockPath` (created with O_EXCL); a dead holder's lock is taken over, a live one's refused. */
export async function acquireLockFile(lockPath: string, options: LockFileOptions = {}): Promise<StateLock> {
  const warn = (said: Text) => options.onWarning?.(english(said), said);
  const now = options.now ?? (() => new Date());
  const refuse = options.lockedError ?? lockedError;
  const content = JSON.stringify({
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: now().toISOString(),
    procStart: procStartOf(process.pid),
    bootId: currentBootId(),
    ...(options.journal !== undefined ? { journal: options.journal } : {}),
  });

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await tryCreate(lockPath, content)) return heldLock(lockPath, content);

    const seen = await readLock(lockPath);
    if (seen === "missing") continue; // the holder released between our create and our read
    if (seen.owner) {
      const { owner } = seen;
      if (holderAlive(lockPath, owner)) throw refuse(lockPath, owner);
      warn(text("lock.takenOver", { lock: lockPath, pid: owner.pid, startedAt: owner.startedAt }));
    } else {
      if (Date.now() - seen.mtimeMs < GARBAGE_STALE_MS) {
        if (attempt < MAX_ATTEMPTS - 1) {
          await sleep(GARBAGE_RECHECK_MS);
          continue;
        }
        throw new RunAbortedError("STATE_LOCKED", text("lock.unreadable", { lock: lockPath }), {
          context: { file: lockPath },
        });
      }
      warn(text("lock.removedGarbage", { lock: lockPath }));
    }
    await removeStale(lockPath, seen.raw);
  }
  throw new RunAbortedError("STATE_LOCKED", text("lock.keepsChanging", { lock: lockPath }), {
    context: { file: lockPath },
  });
}

async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, "wx");
  } catch (error) {
    if (errnoCode(error) === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(lockPath).catch(() => {});
    throw error;
  }
  await handle.close();
  return true;
}

interface SeenLock {
  raw: string;
  owner: LockOwner | undefined;
  mtimeMs: number;
}

async function readLock(lockPath: string): Promise<SeenLock | "missing"> {
  let raw: string;
  let mtimeMs: number;
  try {
    raw = await readFile(lockPath, "utf8");
    mtimeMs = (await stat(lockPath)).mtimeMs;
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return "missing";
    throw error;
  }
  return { raw, owner: parseOwner(raw), mtimeMs };
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return undefined;
    const { pid, hostname, startedAt, procStart, bootId, journal } = value as Record<string, unknown>;
    if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0 || typeof hostname !== "string") return undefined;
    return {
      pid,
      hostname,
      startedAt: typeof startedAt === "string" ? startedAt : "at an unknown time",
      ...(typeof procStart === "string" ? { procStart } : {}),
      ...(typeof bootId === "string" ? { bootId } : {}),
      ...(typeof journal === "string" ? { journal } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether the lock's holder is really running. A pid alone is not enough: a container restarted after kill -9 starts
 * its processes with the same small pids, so the dead holder's pid may be ours or a stranger's.
 */
function holderAlive(lockPath: string, owner: LockOwner): boolean {
  // Another host's pid cannot be checked from here: assume it is running.
  if (owner.hostname !== os.hostname()) return true;
  const bootId = currentBootId();
  if (owner.bootId !== undefined && bootId !== undefined && owner.bootId !== bootId) return false;
  if (owner.pid === process.pid) return heldHere.has(lockPath);
  if (!isAlive(owner.pid)) return false;
  const procStart = procStartOf(owner.pid);
  return owner.procStart === undefined || procStart === undefined || owner.procStart === procStart;
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name, which may itself contain spaces). */
function procStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function currentBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user — still a live holder.
    return errnoCode(error) !== "ESRCH";
  }
}

/**
 * Re-reading and unlinking are two steps, so two takers could each judge the same stale lock and the slower one
 * would then delete the faster one's fresh lock. A short-lived O_EXCL guard file makes "re-check, then unlink"
 * exclusive; the caller then competes for the lock itself through O_EXCL as usual.
 */
async function removeStale(lockPath: string, staleContent: string): Promise<void> {
  const guardPath = `${lockPath}.takeover`;
  let guard;
  try {
    guard = await open(guardPath, "wx");
  } catch (error) {
    if (errnoCode(error) !== "EEXIST") throw error;
    // A taker that crashed inside this tiny window would otherwise block every later run.
    const guardAge = await stat(guardPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (guardAge > GUARD_STALE_MS) await unlink(guardPath).catch(() => {});
    else await sleep(GARBAGE_RECHECK_MS);
    return;
  }
  try {
    await removeIfUnchanged(lockPath, staleContent);
  } finally {
    await guard.close().catch(() => {});
    await unlink(guardPath).catch(() => {});
  }
}

async function removeIfUnchanged(lockPath: string, expected: string): Promise<boolean> {
  try {
    if ((await readFile(lockPath, "utf8")) !== expected) return false;
    await unlink(lockPath);
    return true;
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return true;
    throw error;
  }
}

function lockedError(lockPath: string, owner: LockOwner): RunAbortedError {
  const host = owner.hostname === os.hostname() ? undefined : owner.hostname;
  return new RunAbortedError(
    "STATE_LOCKED",
    text("lock.held", { lock: lockPath, pid: owner.pid, host, startedAt: owner.startedAt }),
    { context: { file: lockPath, pid: owner.pid, hostname: owner.hostname, startedAt: owner.startedAt } },
  );
}

function heldLock(lockPath: string, content: string): StateLock {
  // A crash skips this, which is why a dead pid is taken over; a normal exit without close() must not leave a lock.
  const onExit = (): void => {
    try {
      if (readFileSync(lockPath, "utf8") === content) unlinkSync(lockPath);
    } catch {
      // best effort: the process is going away anyway
    }
  };
  process.on("exit", onExit);
  heldHere.add(lockPath);
  let released: Promise<void> | undefined;
  return {
    path: lockPath,
    release() {
      released ??= (async () => {
        process.off("exit", onExit);
        heldHere.delete(lockPath);
        await removeIfUnchanged(lockPath, content);
      })();
      return released;
    },
  };
}
