import { describe, expect, it } from "vitest";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";

describe("cli shell", () => {
  it("--help lists the commands and exits 0", async () => {
    const r = await runCliInProcess(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["sync", "validate", "status", "call", "mock-server"]) expect(r.stdout).toContain(c);
  });
  it("an unknown command is a usage error (exit 2), no stack trace", async () => {
    const r = await spawnCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument|Did you mean/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
