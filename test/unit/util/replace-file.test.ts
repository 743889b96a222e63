import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replaceFile, writeAll, writeNewFile } from "../../../src/util/durable-fs.js";

describe("replaceFile: the one write-to-temp-then-rename", () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "replace-"));
    target = path.join(dir, "out.csv");
    writeFileSync(target, "old\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("puts what the temp holds in place of the target, and leaves no temp", async () => {
    await replaceFile(target, path.join(dir, ".out.csv.1.tmp"), (temp) => writeFile(temp, "new\n"));
    expect(readFileSync(target, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("a failed fill leaves the target as it was and removes the temp", async () => {
    const temp = path.join(dir, ".out.csv.2.tmp");
    const failing = replaceFile(target, temp, async (at) => {
      await writeFile(at, "half");
      throw new Error("disk full");
    });
    await expect(failing).rejects.toThrow("disk full");
    expect(readFileSync(target, "utf8")).toBe("old\n");
    expect(existsSync(temp)).toBe(false);
  });

  it("writeNewFile refuses a temp that exists (two writers never share one) and closes what it opened", async () => {
    const temp = path.join(dir, ".taken.tmp");
    writeFileSync(temp, "someone else's");
    await expect(writeNewFile(temp, (handle) => writeAll(handle, "x"))).rejects.toMatchObject({ code: "EEXIST" });
    await replaceFile(target, path.join(dir, ".out.csv.3.tmp"), (at) =>
      writeNewFile(at, async (handle) => {
        await writeAll(handle, "journal\n");
        await handle.datasync();
      }),
    );
    expect(readFileSync(target, "utf8")).toBe("journal\n");
  });
});
