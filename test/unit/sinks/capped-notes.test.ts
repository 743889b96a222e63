import { describe, expect, it } from "vitest";
import { CappedNotes } from "../../../src/sinks/capped-notes.js";

describe("CappedNotes", () => {
  it("keeps up to max notes and sums up the rest in one closing line", () => {
    const notes = new CappedNotes(2, (n) => `and ${n} more`);
    notes.add("a");
    expect(notes.list()).toEqual(["a"]);
    notes.add("b");
    notes.add("c");
    notes.add("d");
    expect(notes.list()).toEqual(["a", "b", "and 2 more"]);
  });
});
