import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { normalizeSyncOptions, type SyncOptions } from "../../src/options.js";
import { CLI_NAMING } from "../../src/cli/naming.js";

const base: SyncOptions = { source: "leads.csv", mapping: "mapping.json", cwd: "/work" };
const normalize = (extra: Record<string, unknown>, naming = {}) =>
  normalizeSyncOptions({ ...base, ...extra } as SyncOptions, naming);

describe("normalizeSyncOptions: failOn and headerRow", () => {
  it("failOn defaults to invalid and accepts the three values", () => {
    expect(normalize({}).failOn).toBe("invalid");
    for (const failOn of ["invalid", "failed", "never"]) expect(normalize({ failOn }).failOn).toBe(failOn);
  });
  it("a bad failOn: the library's message, and the CLI's in plain words", () => {
    expect(() => normalize({ failOn: "always" })).toThrow(UsageError);
    expect(() => normalize({ failOn: "always" })).toThrow(
      "Expected `failOn` to be one of `invalid`, `failed`, `never`, got `always` (string)",
    );
    expect(() => normalize({ failOn: "always" }, CLI_NAMING)).toThrow(
      '--fail-on must be one of invalid, failed, never, got "always".',
    );
  });
  it("headerRow: a whole number from 1, handed on unchanged", () => {
    expect(normalize({ headerRow: 3 }).headerRow).toBe(3);
    expect(normalize({})).not.toHaveProperty("headerRow");
    expect(() => normalize({ headerRow: 0 })).toThrow(
      "Expected `headerRow` to be an integer from 1 and up, got `0` (number)",
    );
    expect(() => normalize({ headerRow: 1.5 }, CLI_NAMING)).toThrow(
      '--header-row must be a whole number from 1 up, got "1.5".',
    );
  });
});
