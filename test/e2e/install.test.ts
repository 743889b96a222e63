import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli.js";

const run = promisify(execFile);
// npm writes ~300 packages (100 MB) into the prefix: in memory where the system has a tmpfs, a third of the CPU time.
const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "cgs-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** npm as a person runs it, minus the chatter; the packages come from the local cache `npm ci` filled. */
const npmEnv = {
  ...process.env,
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_loglevel: "error",
};

describe("the one command that installs the CLI for any folder (README: Set up)", () => {
  it("the README gives it", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(readme).toContain('```sh\nnpm install --global "$(npm pack --silent)"\n```');
  });

  it("the packed package installs into a prefix and `chatguru-sync` runs from another folder", async () => {
    // `npm pack` builds through `prepare`; `npm ci` already built dist/, so the test packs it as it is (fast).
    if (!existsSync(join(repoRoot, "dist", "cli", "bin.js")))
      await run("npm", ["run", "build"], { cwd: repoRoot, env: npmEnv });
    const packs = join(dir, "packs");
    mkdirSync(packs);
    await run("npm", ["pack", "--ignore-scripts", "--pack-destination", packs], { cwd: repoRoot, env: npmEnv });
    const [tarball] = readdirSync(packs).filter((name) => name.endsWith(".tgz"));
    expect(tarball).toMatch(/^chatguru-sync-[\d.]+\.tgz$/);

    // What `npm install --global "$(npm pack --silent)"` does, into a prefix of the test's own.
    const prefix = join(dir, "prefix");
    await run("npm", ["install", "--global", "--prefix", prefix, "--prefer-offline", join(packs, tarball!)], {
      cwd: dir,
      env: npmEnv,
      timeout: 240_000,
    });
    const bin = join(prefix, "bin", "chatguru-sync");
    expect(existsSync(bin)).toBe(true);

    // Her own folder: no node_modules, no package.json, nothing of the clone.
    const own = join(dir, "leads");
    mkdirSync(own);
    const env = { PATH: `${join(prefix, "bin")}:${process.env.PATH ?? ""}`, HOME: dir };
    const help = await run("chatguru-sync", ["--help"], { cwd: own, env });
    expect(help.stdout).toContain("chatguru-sync <command> [options]");
    expect(help.stdout).toMatch(/chatguru-sync sync\s/);

    writeFileSync(join(own, "leads.csv"), "Telefone,Nome\n11987654321,Ana\n");
    writeFileSync(join(own, "mapping.json"), JSON.stringify({ phone: "Telefone", name: "Nome" }));
    const checked = await run("chatguru-sync", ["validate", "--source", "leads.csv", "--mapping", "mapping.json"], {
      cwd: own,
      env,
    });
    expect(checked.stderr).toContain("valid: 1   invalid: 0   duplicate: 0");
  }, 300_000);
});
