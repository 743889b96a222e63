import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../errors.js";
import { errnoCode } from "../util/errno.js";
import { outputPathProblem } from "../util/output-path.js";

/**
 * Checked before anything is sent: the journal must be creatable where it is meant to live (its folder, its lock and
 * its compaction temp file beside it). Otherwise the run would fail after requests went out, with nothing recorded,
 * so every such problem is a usage error (exit 2) naming the path and what to do.
 */
export async function assertStatePathUsable(statePath: string): Promise<void> {
  const fail = (
    why: string,
    cause?: unknown,
    code: "STATE_PATH_UNUSABLE" | "STATE_UNREADABLE" = "STATE_PATH_UNUSABLE",
  ): never => {
    throw new ConfigError(
      code,
      `Cannot keep the state file ${statePath}: ${why}. Pass --state with a file in a folder you can write, or fix that folder.`,
      cause === undefined ? {} : { cause },
    );
  };
  const problem = await outputPathProblem(statePath);
  if (problem?.kind === "name-too-long") fail("the file name is too long for the file system");
  if (problem?.kind === "not-a-file") fail(`it is ${problem.what}, not a regular file`, undefined, "STATE_UNREADABLE");
  const dir = path.dirname(statePath);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = errnoCode(error);
    fail(
      code === "EEXIST" || code === "ENOTDIR"
        ? `a file is in the way of its folder ${dir}`
        : `its folder ${dir} cannot be created (${code ?? "unknown error"})`,
      error,
    );
  }
  try {
    await access(dir, constants.W_OK);
  } catch (error) {
    fail(`its folder ${dir} is not writable`, error);
  }
}
