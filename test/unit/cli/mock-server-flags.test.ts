import { describe, expect, it } from "vitest";
import { mockOptionsFromFlags } from "../../../src/cli/commands/mock-server.js";

describe("mock-server flags", () => {
  it("--dialogs and --users list the ids the fake account has", () => {
    expect(mockOptionsFromFlags({ dialogs: "dlg-1, dlg-9", users: "u1" })).toEqual({
      dialogs: ["dlg-1", "dlg-9"],
      users: ["u1"],
    });
    expect(mockOptionsFromFlags({})).toEqual({});
  });
});
