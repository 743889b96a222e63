import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeStaleTemps } from "../../../src/sinks/stale-temps.js";

describe("temp files a killed run left beside the results", () => {
  it("are removed when their process is gone; a live process's, other files and other targets stay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-stale-"));
    const results = join(dir, "leads (1).results.csv");
    // A pid that existed and has exited: a child that ran and was reaped.
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    const names = {
      dead: `.leads (1).results.csv.${gone}.0a1b2c3d.tmp`,
      live: `.leads (1).results.csv.${process.pid}.0a1b2c3d.tmp`,
      other: `.leads.results.csv.${gone}.0a1b2c3d.tmp`,
      user: "leads (1).results.csv.tmp",
    };
    for (const name of Object.values(names)) writeFileSync(join(dir, name), "");
    await removeStaleTemps(results);
    expect(existsSync(join(dir, names.dead))).toBe(false);
    expect([names.live, names.other, names.user].every((name) => existsSync(join(dir, name)))).toBe(true);
    await removeStaleTemps(join(dir, "missing-folder", "x.csv")); // nothing to list: no error
  });
});
