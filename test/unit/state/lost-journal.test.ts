import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filesLeftBehind } from "../../../src/state/lost-journal.js";
import { openNdjsonStateStore } from "../../../src/state/ndjson-state-store.js";

let dir: string;
let journal: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-lost-"));
  journal = path.join(dir, "s.ndjson");
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const open = (warnings: string[] = []) =>
  openNdjsonStateStore(journal, {
    mark: true,
    detectLost: true,
    compactMinRecords: 2,
    onWarning: (m) => warnings.push(m),
  });

describe("a journal started while files of a lost one remain beside it", () => {
  it("a first journal (nothing beside it) is not marked", async () => {
    expect(await filesLeftBehind(journal)).toEqual([]);
    const store = await open();
    expect(store.lostJournal).toBe(false);
    await store.update("k", { hash: "h" });
    await store.close();
    // Its own learnt file and snapshot are not evidence while the journal exists.
    await writeFile(`${journal}.learnt.json`, "{}");
    expect(await filesLeftBehind(journal)).toEqual([]);
    const again = await open();
    expect(again.lostJournal).toBe(false);
    await again.close();
  });

  it.each([".learnt.json", ".snap", ".lock"])(
    "the journal is deleted, its %s remains: marked, and said",
    async (suffix) => {
      await writeFile(
        `${journal}${suffix}`,
        suffix === ".lock" ? JSON.stringify({ pid: 999_999_999, hostname: os.hostname(), startedAt: "x" }) : "{}",
      );
      const warnings: string[] = [];
      const store = await open(warnings);
      expect(store.lostJournal).toBe(true);
      expect(warnings.join("\n")).toMatch(/is missing but s\.ndjson.* beside it .*held until you check them/);
      await store.close();
    },
  );

  it("the mark lives in the header: kept on reopen, after the files are gone, and through a compaction", async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(`${journal}.learnt.json`, "{}");
    const store = await open();
    for (let i = 0; i < 10; i++) await store.update(`k${i % 2}`, { hash: `h${i}` });
    await store.close();
    await rm(`${journal}.learnt.json`);
    const text = await readFile(journal, "utf8");
    // Compacted (fewer lines than the 10 updates) with the mark still in its new header.
    expect(text.split("\n").filter(Boolean).length).toBeLessThan(11);
    expect(text.split("\n")[0]).toContain('"lost":true');
    const reopened = await open();
    expect(reopened.lostJournal).toBe(true);
    expect(reopened.get("k1")?.hash).toBe("h9");
    await reopened.close();
  });
});
