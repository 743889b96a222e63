import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filesLeftBehind } from "../../../src/state/journal-lost.js";
import { openNdjsonStateStore } from "../../../src/state/ndjson-state-store.js";

let dir: string;
let journal: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-lost-"));
  journal = path.join(dir, "s.ndjson");
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const open = (warnings: string[] = [], replaceLost = false) =>
  openNdjsonStateStore(journal, {
    mark: true,
    detectLost: true,
    replaceLost,
    compactMinRecords: 2,
    onWarning: (m) => warnings.push(m),
  });

describe("a journal started in place of a lost one says so in its header (the held rule reads it)", () => {
  it("a first journal (nothing beside it) is not marked; its own files are no evidence while it exists", async () => {
    expect(await filesLeftBehind(journal)).toEqual([]);
    const store = await open();
    expect(store.lost).toBe(false);
    await store.update("k", { hash: "h" });
    await store.close();
    await writeFile(`${journal}.learnt.json`, "{}");
    expect(await filesLeftBehind(journal)).toEqual([]);
    const again = await open();
    expect(again.lost).toBe(false);
    await again.close();
  });

  it("the journal is deleted, the lock a killed run held remains: not refused, but marked and said", async () => {
    await writeFile(`${journal}.lock`, JSON.stringify({ pid: 999_999_999, hostname: os.hostname(), startedAt: "x" }));
    const warnings: string[] = [];
    const store = await open(warnings);
    expect(store.lost).toBe(true);
    expect(warnings.join("\n")).toMatch(/missing but s\.ndjson\.lock beside it is still there.*held until you check/);
    await store.close();
  });

  it.each([".learnt.json", ".snap"])(
    "deleted while its %s remains: refused, then marked with --new-journal",
    async (suffix) => {
      await writeFile(`${journal}${suffix}`, "{}");
      await expect(open()).rejects.toMatchObject({ code: "STATE_LOST" });
      const store = await open([], true);
      expect(store.lost).toBe(true);
      await store.close();
    },
  );

  it("an emptied journal replaced with --new-journal is marked too", async () => {
    await writeFile(journal, "");
    const store = await open([], true);
    expect(store.lost).toBe(true);
    await store.update("k", { hash: "h" });
    await store.close();
    expect((await readFile(journal, "utf8")).split("\n")[0]).toContain('"lost":true');
  });

  it("the mark lives in the header: kept on reopen, after the files are gone, and through a compaction", async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(`${journal}.learnt.json`, "{}");
    const store = await open([], true);
    for (let i = 0; i < 10; i++) await store.update(`k${i % 2}`, { hash: `h${i}` });
    await store.close();
    await rm(`${journal}.learnt.json`);
    const text = await readFile(journal, "utf8");
    // Compacted (fewer lines than the 10 updates) with the mark still in its new header.
    expect(text.split("\n").filter(Boolean).length).toBeLessThan(11);
    expect(text.split("\n")[0]).toContain('"lost":true');
    const reopened = await open();
    expect(reopened.lost).toBe(true);
    expect(reopened.get("k1")?.hash).toBe("h9");
    await reopened.close();
  });
});
