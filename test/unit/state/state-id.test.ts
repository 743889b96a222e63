import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultStatePath, stateId } from "../../../src/state/state-id.js";

const base = { accountId: "acc-1", phoneId: "phone-1" };

describe("stateId", () => {
  it("is the source slug plus the first 12 hex chars of sha256(source\\0account\\0phone)", () => {
    const sourceId = "/data/Contatos Março.csv";
    const hash = createHash("sha256").update(`${sourceId}\0acc-1\0phone-1`).digest("hex").slice(0, 12);
    expect(stateId({ sourceId, ...base })).toBe(`contatos-marco-${hash}`);
  });

  it("is stable across calls", () => {
    expect(stateId({ sourceId: "/a/b.csv", ...base })).toBe(stateId({ sourceId: "/a/b.csv", ...base }));
  });

  it("differs by source path, account and phone", () => {
    const ids = new Set([
      stateId({ sourceId: "/a/contacts.csv", ...base }),
      stateId({ sourceId: "/b/contacts.csv", ...base }),
      stateId({ sourceId: "/a/contacts.csv", accountId: "acc-2", phoneId: "phone-1" }),
      stateId({ sourceId: "/a/contacts.csv", accountId: "acc-1", phoneId: "phone-2" }),
    ]);
    expect(ids.size).toBe(4);
  });

  it("does not let a field boundary shift produce the same id", () => {
    expect(stateId({ sourceId: "x", accountId: "ab", phoneId: "c" })).not.toBe(
      stateId({ sourceId: "x", accountId: "a", phoneId: "bc" }),
    );
  });

  it("slugs a Sheets source as id + tab, stdin as 'stdin', Windows paths by basename", () => {
    expect(stateId({ sourceId: "sheets:1AbC_d-9#Página 1", ...base })).toMatch(/^1abc-d-9-pagina-1-[0-9a-f]{12}$/);
    expect(stateId({ sourceId: "https://docs.google.com/spreadsheets/d/1AbC/edit#gid=42", ...base })).toMatch(
      /^1abc-gid42-[0-9a-f]{12}$/,
    );
    expect(stateId({ sourceId: "-", ...base })).toMatch(/^stdin-[0-9a-f]{12}$/);
    expect(stateId({ sourceId: "C:\\Users\\ana\\leads.csv", ...base })).toMatch(/^leads-[0-9a-f]{12}$/);
  });

  it("is always filesystem-safe and bounded, whatever the source name", () => {
    for (const sourceId of ["/x/../..csv", "/x/ ", "/x/CON", "/x/" + "é".repeat(300) + ".csv", "sheets:a#/../../etc"]) {
      const id = stateId({ sourceId, ...base });
      expect(id).toMatch(/^[a-z0-9-]+-[0-9a-f]{12}$/);
      expect(id.length).toBeLessThanOrEqual(40 + 1 + 12);
    }
  });
});

describe("defaultStatePath", () => {
  it("is <cwd>/.chatguru-sync/<id>.ndjson", () => {
    expect(defaultStatePath("/work/proj", "leads-0123456789ab")).toBe(
      path.join("/work/proj", ".chatguru-sync", "leads-0123456789ab.ndjson"),
    );
  });
});
