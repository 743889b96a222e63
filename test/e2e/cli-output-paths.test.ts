import { execFileSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const CSV = "Telefone,Nome,Etapa\n11987654321,Ana,novo\n";

async function syncWith(extra: string[]) {
  const source = env.csv("l.csv", CSV);
  const mapping = env.mapping("m.json", MAPPING);
  const r = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--rate", "0", ...extra], {
    env: env.env,
    cwd: env.dir,
  });
  return { ...r, source };
}

/** Exit 2, a message naming the problem, no stack trace, and not one request sent to ChatGuru. */
function expectRefusedBeforeAnyRequest(r: { code: number; stderr: string }, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /i);
  expect(env.mock.state().requests.total ?? 0).toBe(0);
}

describe("sync refuses output paths it must not or cannot write, before any request", () => {
  it("--results naming a device (through a symlink) is refused and the device is left alone", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const link = join(env.dir, "out.csv");
    symlinkSync("/dev/null", link);
    const r = await syncWith(["--results", link]);
    expectRefusedBeforeAnyRequest(r, /not a regular file/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("/dev/null");
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("--results naming a fifo is refused and the fifo stays", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const fifo = join(env.dir, "out.csv");
    execFileSync("mkfifo", [fifo]);
    const r = await syncWith(["--results", fifo]);
    expectRefusedBeforeAnyRequest(r, /not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("--results naming a folder is refused", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const dir = join(env.dir, "outdir");
    mkdirSync(dir);
    const r = await syncWith(["--results", dir]);
    expectRefusedBeforeAnyRequest(r, /not a regular file/);
    expect(lstatSync(dir).isDirectory()).toBe(true);
  });

  it("--results equal to the source is refused and the source is untouched", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await syncWith(["--results", join(env.dir, "l.csv")]);
    expectRefusedBeforeAnyRequest(r, /source/);
    expect(readFileSync(r.source, "utf8")).toBe(CSV);
  });

  it("--results in a folder that does not exist is exit 2 before any request", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await syncWith(["--results", join(env.dir, "no-such-folder", "out.csv")]);
    expectRefusedBeforeAnyRequest(r, /no-such-folder/);
  });

  it("--results with a name too long is exit 2 before any request", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await syncWith(["--results", join(env.dir, `${"x".repeat(300)}.csv`)]);
    expectRefusedBeforeAnyRequest(r, /too long/);
  });

  it("--state whose folder cannot be created (a file is in the way) is exit 2 before any request", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    writeFileSync(join(env.dir, "blocker"), "x");
    const r = await syncWith(["--state", join(env.dir, "blocker", "state.ndjson")]);
    expectRefusedBeforeAnyRequest(r, /state/i);
  });

  it("--state with a name too long is exit 2 before any request", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await syncWith(["--state", join(env.dir, `${"s".repeat(300)}.ndjson`)]);
    expectRefusedBeforeAnyRequest(r, /too long/);
  });

  it.skipIf(process.getuid?.() === 0)("--state in a read-only folder is exit 2 before any request", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const ro = join(env.dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      const r = await syncWith(["--state", join(ro, "state.ndjson")]);
      expectRefusedBeforeAnyRequest(r, /state/i);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});
