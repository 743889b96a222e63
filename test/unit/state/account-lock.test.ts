import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountLockPath, acquireAccountLock, defaultLockDir } from "../../../src/state/account-lock.js";
import { rejectsWithExitCode } from "../../helpers/exit-code.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-account-lock-"));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const ACCOUNT = { apiUrl: "https://s15.chatguru.app/api/v1", accountId: "acc-1", phoneId: "ph-1" };

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("the machine-wide lock per ChatGuru account and phone", () => {
  it("lives in the user's state folder: CHATGURU_SYNC_LOCK_DIR, else XDG_STATE_HOME, else ~/.local/state", () => {
    expect(defaultLockDir({ CHATGURU_SYNC_LOCK_DIR: "/x/locks", XDG_STATE_HOME: "/s" })).toBe("/x/locks");
    expect(defaultLockDir({ XDG_STATE_HOME: "/s", HOME: "/h" })).toBe("/s/chatguru-sync/locks");
    expect(defaultLockDir({ HOME: "/h" })).toBe("/h/.local/state/chatguru-sync/locks");
    expect(defaultLockDir({})).toBe(path.join(os.homedir(), ".local/state/chatguru-sync/locks"));
  });

  it("is one file per (endpoint, account, phone), whatever the URL's case or trailing slash; the id is not in it", () => {
    const base = accountLockPath(dir, ACCOUNT);
    expect(accountLockPath(dir, { ...ACCOUNT, apiUrl: "https://S15.ChatGuru.app/api/v1/" })).toBe(base);
    expect(accountLockPath(dir, { ...ACCOUNT, phoneId: "ph-2" })).not.toBe(base);
    expect(accountLockPath(dir, { ...ACCOUNT, accountId: "acc-2" })).not.toBe(base);
    expect(accountLockPath(dir, { ...ACCOUNT, apiUrl: "https://s16.chatguru.app/api/v1" })).not.toBe(base);
    expect(path.basename(base)).toMatch(/^[0-9a-f]{24}\.lock$/);
  });

  it("a second run for the account stops (ACCOUNT_LOCKED, exit 3) naming the holder's pid and journal", async () => {
    const lock = await acquireAccountLock(ACCOUNT, { dir, journal: "/work/a/.chatguru-sync/m-1.ndjson" });
    const error = (await rejectsWithExitCode(acquireAccountLock(ACCOUNT, { dir, journal: "/work/b/x.ndjson" })).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { code: string; exitCode: number };
    expect(error).toMatchObject({ code: "ACCOUNT_LOCKED", exitCode: 3 });
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain("/work/a/.chatguru-sync/m-1.ndjson");
    expect(error.message).toContain(accountLockPath(dir, ACCOUNT));
    // Another phone of the same account is another lock.
    const other = await acquireAccountLock({ ...ACCOUNT, phoneId: "ph-2" }, { dir });
    await other.release();
    await lock.release();
    await (await acquireAccountLock(ACCOUNT, { dir })).release();
  });

  it("a lock left by a run that died is taken over, with a warning", async () => {
    const pid = await deadPid();
    const file = accountLockPath(dir, ACCOUNT);
    await writeFile(file, JSON.stringify({ pid, hostname: os.hostname(), startedAt: "2020-01-01T00:00:00.000Z" }));
    const warnings: string[] = [];
    const lock = await acquireAccountLock(ACCOUNT, { dir, onWarning: (m) => warnings.push(m) });
    expect(JSON.parse(await readFile(file, "utf8")).pid).toBe(process.pid);
    expect(warnings).toEqual([expect.stringContaining(`pid ${pid}`)]);
    await lock.release();
  });
});
