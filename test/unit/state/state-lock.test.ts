import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RunAbortedError } from "../../../src/errors.js";
import { acquireStateLock } from "../../../src/state/state-lock.js";
import { exitCodeOf, rejectsWithExitCode } from "../../helpers/exit-code.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const lockModule = fileURLToPath(new URL("../../../src/state/state-lock.ts", import.meta.url));

let dir: string;
let statePath: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-lock-"));
  statePath = path.join(dir, "s.ndjson");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that certainly belonged to a process and certainly is dead now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  if (child.pid === undefined) throw new Error("no pid");
  return child.pid;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

describe("acquireStateLock", () => {
  it("creates <state>.lock with this process's pid, host and start time, and release removes it", async () => {
    const lock = await acquireStateLock(statePath, { now: () => new Date("2026-01-02T03:04:05.000Z") });
    expect(lock.path).toBe(`${statePath}.lock`);
    expect(JSON.parse(await readFile(lock.path, "utf8"))).toEqual({
      pid: process.pid,
      hostname: os.hostname(),
      startedAt: "2026-01-02T03:04:05.000Z",
      procStart: expect.stringMatching(/^\d+$/),
      bootId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    await lock.release();
    expect(await exists(lock.path)).toBe(false);
    await lock.release(); // idempotent
  });

  it("refuses a second holder with STATE_LOCKED, exit 3, naming the pid, start time and lock path", async () => {
    const first = await acquireStateLock(statePath, { now: () => new Date("2026-01-02T03:04:05.000Z") });
    const error = await acquireStateLock(statePath).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunAbortedError);
    const abort = error as RunAbortedError;
    expect(abort.code).toBe("STATE_LOCKED");
    expect(exitCodeOf(abort)).toBe(3);
    expect(abort.message).toContain(`pid ${process.pid}`);
    expect(abort.message).toContain("2026-01-02T03:04:05.000Z");
    expect(abort.message).toContain(`${statePath}.lock`);
    // the refused attempt must not have disturbed the holder's lock
    expect(JSON.parse(await readFile(first.path, "utf8")).pid).toBe(process.pid);
    await first.release();
    const again = await acquireStateLock(statePath);
    await again.release();
  });

  it("takes over a lock whose pid is dead, with a warning", async () => {
    const pid = await deadPid();
    await writeFile(
      `${statePath}.lock`,
      JSON.stringify({ pid, hostname: os.hostname(), startedAt: "2020-01-01T00:00:00.000Z" }),
    );
    const warnings: string[] = [];
    const lock = await acquireStateLock(statePath, { onWarning: (m) => warnings.push(m) });
    expect(JSON.parse(await readFile(lock.path, "utf8")).pid).toBe(process.pid);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`pid ${pid}`);
    await lock.release();
  });

  it("does not take over a lock held by another host (its pid cannot be checked)", async () => {
    const pid = await deadPid();
    await writeFile(
      `${statePath}.lock`,
      JSON.stringify({ pid, hostname: `${os.hostname()}-other`, startedAt: "2020-01-01T00:00:00.000Z" }),
    );
    await expect(rejectsWithExitCode(acquireStateLock(statePath))).rejects.toMatchObject({
      code: "STATE_LOCKED",
      exitCode: 3,
    });
  });

  it("takes over an unreadable lock older than a minute, but not a fresh one", async () => {
    const lockPath = `${statePath}.lock`;
    await writeFile(lockPath, "{not json");
    await expect(rejectsWithExitCode(acquireStateLock(statePath))).rejects.toMatchObject({
      code: "STATE_LOCKED",
      exitCode: 3,
    });
    expect(await readFile(lockPath, "utf8")).toBe("{not json");

    const old = new Date(Date.now() - 2 * 60_000);
    await utimes(lockPath, old, old);
    const warnings: string[] = [];
    const lock = await acquireStateLock(statePath, { onWarning: (m) => warnings.push(m) });
    expect(JSON.parse(await readFile(lockPath, "utf8")).pid).toBe(process.pid);
    expect(warnings).toHaveLength(1);
    await lock.release();
  });

  it("lets exactly one of many concurrent takers of a stale lock win", async () => {
    const pid = await deadPid();
    await writeFile(`${statePath}.lock`, JSON.stringify({ pid, hostname: os.hostname(), startedAt: "x" }));
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireStateLock(statePath)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "STATE_LOCKED" });
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  });

  it("removes the lock when the process exits without releasing it", async () => {
    const script = `const { acquireStateLock } = await import(${JSON.stringify(lockModule)});
      const lock = await acquireStateLock(${JSON.stringify(statePath)});
      process.stdout.write(lock.path);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(stdout).toBe(`${statePath}.lock`); // it really was taken…
    expect(await exists(`${statePath}.lock`)).toBe(false); // …and removed at exit
  });

  it("release leaves alone a lock file that is no longer ours", async () => {
    const lock = await acquireStateLock(statePath);
    await writeFile(lock.path, JSON.stringify({ pid: 1, hostname: "elsewhere", startedAt: "x" }));
    await lock.release();
    expect(await exists(lock.path)).toBe(true);
  });

  it("takes over a lock naming this very pid that this process does not hold (container restarted after kill -9)", async () => {
    const lockPath = `${statePath}.lock`;
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: "earlier" }));
    const warnings: string[] = [];
    const lock = await acquireStateLock(statePath, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringContaining(`took over from pid ${process.pid}`)]);
    await lock.release();
  });

  it("takes over a live pid whose process start time differs (the pid was reused); refuses the real holder", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"], { stdio: "ignore" });
    try {
      const lockPath = `${statePath}.lock`;
      const owner = { pid: child.pid, hostname: os.hostname(), startedAt: "earlier" };
      await writeFile(lockPath, JSON.stringify({ ...owner, procStart: "1" }));
      const lock = await acquireStateLock(statePath, { onWarning: () => {} });
      await lock.release();
      const stat = await readFile(`/proc/${child.pid}/stat`, "utf8");
      const procStart = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
      await writeFile(lockPath, JSON.stringify({ ...owner, procStart }));
      await expect(acquireStateLock(statePath)).rejects.toMatchObject({ code: "STATE_LOCKED" });
    } finally {
      child.kill();
    }
  });
});
