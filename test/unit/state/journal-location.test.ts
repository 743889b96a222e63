import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  adoptLegacyJournal,
  journalPath,
  journalsBesideMapping,
  legacyJournalPath,
} from "../../../src/state/journal-location.js";

const owner = { accountId: "acc-1", phoneId: "phone-1" };

describe("journalPath", () => {
  it("sits in .chatguru-sync beside the mapping, named after it", () => {
    const p = journalPath({ mappingPath: "/work/leads/mapping.json", ...owner });
    expect(path.dirname(p)).toBe("/work/leads/.chatguru-sync");
    expect(path.basename(p)).toMatch(/^mapping-[0-9a-f]{12}\.ndjson$/);
  });

  it("does not depend on the mapping's folder (moving the folder moves the journal with it)", () => {
    const a = journalPath({ mappingPath: "/a/mapping.json", ...owner });
    const b = journalPath({ mappingPath: "/b/c/mapping.json", ...owner });
    expect(path.basename(a)).toBe(path.basename(b));
  });

  it("differs by mapping name, account and phone", () => {
    const names = new Set([
      journalPath({ mappingPath: "/a/mapping.json", ...owner }),
      journalPath({ mappingPath: "/a/other.json", ...owner }),
      journalPath({ mappingPath: "/a/mapping.json", accountId: "acc-2", phoneId: "phone-1" }),
      journalPath({ mappingPath: "/a/mapping.json", accountId: "acc-1", phoneId: "phone-2" }),
    ]);
    expect(names.size).toBe(4);
  });
});

describe("adoptLegacyJournal", () => {
  it("moves the old-layout journal to the new place once, and never over an existing one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cgs-loc-"));
    const legacy = legacyJournalPath(dir, path.join(dir, "leads.csv"), "acc-1", "phone-1");
    mkdirSync(path.dirname(legacy), { recursive: true });
    writeFileSync(legacy, "old journal\n");
    const target = journalPath({ mappingPath: path.join(dir, "cfg", "mapping.json"), ...owner });
    expect(await adoptLegacyJournal(target, legacy)).toBe(legacy);
    expect(readFileSync(target, "utf8")).toBe("old journal\n");
    expect(existsSync(legacy)).toBe(false);

    writeFileSync(legacy, "another\n");
    expect(await adoptLegacyJournal(target, legacy)).toBeUndefined();
    expect(readFileSync(target, "utf8")).toBe("old journal\n");
  });

  it("leaves a legacy journal that a running (older) process holds locked", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cgs-loc-"));
    const legacy = path.join(dir, "old.ndjson");
    writeFileSync(legacy, "x\n");
    writeFileSync(`${legacy}.lock`, "{}");
    const target = path.join(dir, "new", "j.ndjson");
    expect(await adoptLegacyJournal(target, legacy)).toBeUndefined();
    expect(existsSync(target)).toBe(false);
  });
});

describe("journalsBesideMapping", () => {
  it("lists only this mapping's journals", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cgs-loc-"));
    const mappingPath = path.join(dir, "leads.json");
    const mine = journalPath({ mappingPath, ...owner });
    mkdirSync(path.dirname(mine), { recursive: true });
    writeFileSync(mine, "");
    writeFileSync(journalPath({ mappingPath: path.join(dir, "leads-2.json"), ...owner }), "");
    writeFileSync(path.join(path.dirname(mine), "notes.txt"), "");
    expect(journalsBesideMapping(mappingPath)).toEqual([mine]);
    expect(journalsBesideMapping(path.join(dir, "none", "m.json"))).toEqual([]);
  });
});
