import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTimesPath, readAddTimes, writeAddTimes } from "../../../src/state/add-times-file.js";
import { openNdjsonStateStore } from "../../../src/state/ndjson-state-store.js";

let dir: string;
let journal: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-adds-"));
  journal = path.join(dir, "s.ndjson");
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const NOW = Date.parse("2026-11-29T12:00:00Z");
const DAY = 24 * 3600 * 1000;

describe("<journal>.adds.json (add times learnt by earlier runs)", () => {
  it("reads back what was written, and nothing else is left beside the journal", async () => {
    await writeAddTimes(journal, { settles: [4100, 4300, 5200], firstPoll: 5980 }, NOW);
    expect(await readAddTimes(journal, NOW + DAY)).toEqual({ settles: [4100, 4300, 5200], firstPoll: 5980 });
    expect(await readdir(dir)).toEqual(["s.ndjson.adds.json"]);
  });

  it("drops a learning older than a week, or a file it cannot trust", async () => {
    await writeAddTimes(journal, { settles: [4000] }, NOW);
    expect(await readAddTimes(journal, NOW + 8 * DAY)).toBeUndefined();
    for (const text of ["{", "[]", '{"savedAt":"2026-11-29T12:00:00Z","settles":[-1]}', '{"settles":[4000]}']) {
      await writeFile(addTimesPath(journal), text);
      expect(await readAddTimes(journal, NOW)).toBeUndefined();
    }
    await rm(addTimesPath(journal));
    expect(await readAddTimes(journal, NOW)).toBeUndefined();
    // A first poll that is not an age is left out; the settles still count.
    await writeFile(addTimesPath(journal), '{"savedAt":"2026-11-29T12:00:00Z","settles":[4000],"firstPoll":"x"}');
    expect(await readAddTimes(journal, NOW)).toEqual({ settles: [4000] });
  });

  it("a temp file a killed run left is removed when the journal is next opened by its lock holder", async () => {
    const debris = path.join(dir, `.s.ndjson.123.abcd1234.adds.tmp`);
    await writeFile(debris, "{");
    const store = await openNdjsonStateStore(journal, { mark: true });
    await store.close();
    expect(existsSync(debris)).toBe(false);
  });
});
