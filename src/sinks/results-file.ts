import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../errors.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";

/** Shared by the results-file sinks (CSV, workbook): where the temp file goes and how a failed write is told. */

/** A temp file beside `path` (same folder, so the final rename is atomic), unique per process and sink. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Windows' answers when another program (Excel, above all) holds the file open. */
const HELD_OPEN = new Set(["EPERM", "EBUSY", "EACCES"]);
/** A folder took the results file's name while the run was going. */
const FOLDER_IN_THE_WAY = new Set(["EISDIR", "ENOTEMPTY", "EEXIST"]);

export function resultsWriteError(path: string, error: Error): ConfigError {
  const { code, syscall } = error as NodeJS.ErrnoException;
  // The last step, after every row ran: Node's message would name the temp file, which means nothing to the reader.
  const message =
    syscall === "rename"
      ? replaceFailure(path, code, error.message)
      : text("results.writeFailed", { path, message: error.message });
  return new ConfigError("RESULTS_WRITE_FAILED", message, {
    cause: error,
    context: { path, ...(syscall === "rename" ? { step: "replace" } : {}) },
  });
}

function replaceFailure(path: string, code: string | undefined, nodeMessage: string): Text {
  const name = basename(path);
  const again = text("results.again");
  if (code !== undefined && HELD_OPEN.has(code)) return text("results.openInExcel", { name, code, again });
  if (code !== undefined && FOLDER_IN_THE_WAY.has(code))
    return text("results.folderInTheWay", { name, code, dir: dirname(path), again });
  const reason = nodeMessage.replace(/^[A-Z]+: /, "").replace(/, rename .*$/s, "");
  return text("results.replaceFailed", { name, dir: dirname(path), code, reason, again });
}
