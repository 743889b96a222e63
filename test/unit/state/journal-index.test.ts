import { describe, expect, it } from "vitest";
import { PATCH_FIELDS } from "../../../src/state/journal-format.js";
import { JournalIndex } from "../../../src/state/journal-index.js";

/** A distinct, valid-typed value for every field, so a field the Row copies wrongly or not at all shows up. */
function valueFor(field: string, i: number): unknown {
  if (field === "rowNumber") return 40 + i;
  if (field === "held" || field === "addDialogOwed") return true;
  return `${field}-${i}`;
}

describe("JournalIndex.setFromLine", () => {
  it("keeps every PATCH_FIELDS field a line carries (the Row reads each by name)", () => {
    const index = new JournalIndex();
    const line: Record<string, unknown> = { k: "key-1", t: "2026-01-01T00:00:00.000Z" };
    PATCH_FIELDS.forEach((field, i) => (line[field] = valueFor(field, i)));
    index.setFromLine("key-1", line);
    const row = index.get("key-1") as unknown as Record<string, unknown>;
    PATCH_FIELDS.forEach((field, i) => expect(row[field], field).toEqual(valueFor(field, i)));
    expect(row.key).toBe("key-1");
    expect(row.updatedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(Object.isFrozen(row)).toBe(true);
  });

  it("treats null as absent: no own property for a rare field, undefined for a common one", () => {
    const index = new JournalIndex();
    const line: Record<string, unknown> = { k: "k", t: "2026-01-01T00:00:00.000Z" };
    for (const field of PATCH_FIELDS) line[field] = null;
    index.setFromLine("k", line);
    const row = index.get("k") as unknown as Record<string, unknown>;
    for (const field of PATCH_FIELDS) expect(row[field], field).toBeUndefined();
    expect(Object.hasOwn(row, "messageId")).toBe(false);
    expect(Object.hasOwn(row, "error")).toBe(false);
  });

  it("gives each row its own stamp when stamps differ, shared or not, and '' without one", () => {
    const index = new JournalIndex();
    index.setFromLine("a", { k: "a", t: "2026-01-01T00:00:00.001Z", syncedAt: "2026-01-01T00:00:00.001Z" });
    index.setFromLine("b", { k: "b", t: "2026-01-01T00:00:00.001Z" });
    index.setFromLine("c", { k: "c", t: "2026-01-01T00:00:00.002Z", syncedAt: "2026-01-01T00:00:00.001Z" });
    index.setFromLine("d", { k: "d" });
    expect(index.get("a")).toMatchObject({
      updatedAt: "2026-01-01T00:00:00.001Z",
      syncedAt: "2026-01-01T00:00:00.001Z",
    });
    expect(index.get("b")).toMatchObject({ updatedAt: "2026-01-01T00:00:00.001Z", syncedAt: undefined });
    expect(index.get("c")).toMatchObject({
      updatedAt: "2026-01-01T00:00:00.002Z",
      syncedAt: "2026-01-01T00:00:00.001Z",
    });
    expect(index.get("d")?.updatedAt).toBe("");
  });

  it("keeps pendingHash equal to hash, and a different pendingHash as written", () => {
    const index = new JournalIndex();
    index.setFromLine("a", { k: "a", hash: "h1", pendingHash: "h1" });
    index.setFromLine("b", { k: "b", hash: "h1", pendingHash: "h2" });
    expect(index.get("a")).toMatchObject({ hash: "h1", pendingHash: "h1" });
    expect(index.get("b")).toMatchObject({ hash: "h1", pendingHash: "h2" });
  });
});
