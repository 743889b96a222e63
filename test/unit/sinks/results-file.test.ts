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

  it("a file held open (Excel on Windows) is named without the temp file, with what to do", () => {
    const temp = "/x/.leads (1).results.csv.6064.a8d44e06.tmp";
    for (const code of ["EPERM", "EBUSY", "EACCES"]) {
      const error = resultsWriteError("/x/leads (1).results.csv", renameError(code, temp));
      expect(error.message).toBe(
        `Could not replace "leads (1).results.csv" (${code}): is it open in Excel? Close it and run again — ` +
          "rows already synced are not sent again (the journal remembers them).",
      );
      expect(error.context.step).toBe("replace");
    }
  });

  it("other failures to replace say the code and Node's words, never the temp file", () => {
    const temp = "/x/.r.csv.1.abcd0123.tmp";
    expect(resultsWriteError("/x/r.csv", renameError("EISDIR", temp)).message).toBe(
      'Could not replace "r.csv" (EISDIR): a folder with that name is now in /x. Move or rename that folder and run ' +
        "again — rows already synced are not sent again (the journal remembers them).",
    );
    const other = resultsWriteError("/x/r.csv", renameError("EXDEV", temp, "cross-device link not permitted"));
    expect(other.message).toBe(
      'Could not replace "r.csv" in /x (EXDEV: cross-device link not permitted). Fix that and run again — ' +
        "rows already synced are not sent again (the journal remembers them).",
    );
    expect(other.message).not.toContain(".tmp");
  });
});

/** What fs.rename throws: `EPERM: operation not permitted, rename 'from' -> 'to'`. */
function renameError(code: string, from: string, words = "operation not permitted"): Error {
  return Object.assign(new Error(`${code}: ${words}, rename '${from}' -> '/x/dest'`), {
    code,
    syscall: "rename",
    path: from,
    dest: "/x/dest",
  });
}
