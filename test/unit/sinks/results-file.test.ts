import { describe, expect, it } from "vitest";
import { resultsWriteError, tempPathBeside } from "../../../src/sinks/results-file.js";

describe("results file helpers", () => {
  it("puts the temp file beside the destination, hidden and unique", () => {
    const a = tempPathBeside("/data/out/leads.results.csv");
    expect(a).toMatch(/^\/data\/out\/\.leads\.results\.csv\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(tempPathBeside("/data/out/leads.results.csv")).not.toBe(a);
  });
  it("says which results file could not be written", () => {
    const error = resultsWriteError("/x/r.csv", new Error("ENOSPC: no space left"));
    expect(error.code).toBe("RESULTS_WRITE_FAILED");
    expect(error.message).toBe("Could not write the results file /x/r.csv: ENOSPC: no space left");
  });
});
