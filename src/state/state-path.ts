import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../errors.js";
import { errnoCode } from "../util/errno.js";
import { outputPathProblem } from "../util/output-path.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";

/**
 * Checked before anything is sent: the journal must be creatable where it is meant to live (its folder, its lock and
 * its compaction temp file beside it). Otherwise the run would fail after requests went out, with nothing recorded,
 * so every such problem is a usage error (exit 2) naming the path and what to do.
 */
export async function assertStatePathUsable(statePath: string): Promise<void> {
  const fail = (
    why: Text,
    cause?: unknown,
    code: "STATE_PATH_UNUSABLE" | "STATE_UNREADABLE" = "STATE_PATH_UNUSABLE",
  ): never => {
    throw new ConfigError(code, text("state.unusable", { file: statePath, why }), cause === undefined ? {} : { cause });
  };
  const problem = await outputPathProblem(statePath);
  if (problem?.kind === "name-too-long") fail(text("state.unusable.nameTooLong"));
  if (problem?.kind === "not-a-file") {
    const what = text("path.entry", { entry: problem.what });
    fail(text("state.unusable.notAFile", { what }), undefined, "STATE_UNREADABLE");
  }
  const dir = path.dirname(statePath);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = errnoCode(error);
    fail(
      code === "EEXIST" || code === "ENOTDIR"
        ? text("state.unusable.fileInTheWay", { dir })
        : text("state.unusable.cannotCreate", { dir, code }),
      error,
    );
  }
  try {
    await access(dir, constants.W_OK);
  } catch (error) {
    fail(text("state.unusable.notWritable", { dir }), error);
  }
}
