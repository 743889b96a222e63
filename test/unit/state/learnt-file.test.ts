import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { learntPath, readLearnt, writeLearnt } from "../../../src/state/learnt-file.js";
import { openNdjsonStateStore } from "../../../src/state/ndjson-state-store.js";

let dir: string;
let journal: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cgs-learnt-"));
  journal = path.join(dir, "s.ndjson");
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const NOW = Date.parse("2026-11-29T12:00:00Z");
const DAY = 24 * 3600 * 1000;
const at = (ms: number) => new Date(ms).toISOString();

describe("<journal>.learnt.json (what earlier runs learnt of the account)", () => {
  it("reads back what was written, and nothing else is left beside the journal", async () => {
    const learnt = {
      addTimes: { value: { settles: [4100, 4300, 5200], firstPoll: 5980 }, learntAt: at(NOW) },
      newRows: { value: [true, false, true], learntAt: at(NOW - DAY) },
    };
    await writeLearnt(journal, learnt);
    expect(await readLearnt(journal, NOW + DAY)).toEqual(learnt);
    expect(await readdir(dir)).toEqual(["s.ndjson.learnt.json"]);
  });

  it("drops a part learnt over a week ago, or one it cannot trust, and keeps the other", async () => {
    const newRows = { value: [true], learntAt: at(NOW) };
    await writeLearnt(journal, { addTimes: { value: { settles: [4000] }, learntAt: at(NOW - 8 * DAY) }, newRows });
    expect(await readLearnt(journal, NOW)).toEqual({ newRows });
    const odd = [{ settles: [-1] }, { settles: "4000" }, { settles: [Number.MAX_SAFE_INTEGER] }, null];
    for (const value of odd) {
      await writeFile(learntPath(journal), JSON.stringify({ addTimes: { value, learntAt: at(NOW) }, newRows }));
      expect(await readLearnt(journal, NOW)).toEqual({ newRows });
    }
    await writeFile(learntPath(journal), JSON.stringify({ newRows: { value: [1, 0], learntAt: at(NOW) } }));
    expect(await readLearnt(journal, NOW)).toEqual({});
    for (const text of ["{", "[]", "null", '{"newRows":{"value":[true]}}']) {
      await writeFile(learntPath(journal), text);
      expect(await readLearnt(journal, NOW)).toEqual({});
    }
    await rm(learntPath(journal));
    expect(await readLearnt(journal, NOW)).toEqual({});
    // A first poll that is not an age is left out; the settles still count.
    const settles = { value: { settles: [4000], firstPoll: "x" }, learntAt: at(NOW) };
    await writeFile(learntPath(journal), JSON.stringify({ addTimes: settles }));
    expect(await readLearnt(journal, NOW)).toEqual({ addTimes: { value: { settles: [4000] }, learntAt: at(NOW) } });
  });

  it("a temp file a killed run left is removed when the journal is next opened by its lock holder", async () => {
    const debris = path.join(dir, `.s.ndjson.123.abcd1234.learnt.tmp`);
    await writeFile(debris, "{");
    const store = await openNdjsonStateStore(journal, { mark: true });
    await store.close();
    expect(existsSync(debris)).toBe(false);
  });
});
