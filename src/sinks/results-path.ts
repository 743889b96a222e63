import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { outputPathProblem } from "../util/output-path.js";
import { text } from "../messages/text.js";

/**
 * Checked before anything is sent (SPEC §5 results, issue "Files"): the results are written to a temp file renamed
 * over `path`, which would replace a device, a pipe or a folder named there, or the source itself, so those are
 * refused as usage errors (exit 2) instead of being found out after requests went out — as is a folder that does not
 * exist or cannot be written.
 */
export async function assertResultsPath(path: string, sourcePath: string | undefined): Promise<void> {
  if (sourcePath !== undefined && (await samePath(path, sourcePath))) {
    throw new ConfigError("RESULTS_IS_SOURCE", text("results.isSource", { path }));
  }
  const problem = await outputPathProblem(path);
  if (problem?.kind === "not-a-file") {
    throw new ConfigError(
      "RESULTS_NOT_A_FILE",
      text("results.notAFile", { path, what: text("path.entry", { entry: problem.what }) }),
    );
  }
  if (problem?.kind === "name-too-long") {
    throw new ConfigError("RESULTS_NAME_TOO_LONG", text("results.nameTooLong", { path }));
  }
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw new ConfigError("RESULTS_DIR_UNWRITABLE", text("results.dirUnwritable", { path }), { cause: error });
  }
}

async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
