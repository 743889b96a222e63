import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../errors.js";

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
      : `Could not write the results file ${path}: ${error.message}`;
  return new ConfigError("RESULTS_WRITE_FAILED", message, {
    cause: error,
    context: { path, ...(syscall === "rename" ? { step: "replace" } : {}) },
  });
}

function replaceFailure(path: string, code: string | undefined, nodeMessage: string): string {
  const name = `"${basename(path)}"`;
  const again = "run again — rows already synced are not sent again (the journal remembers them).";
  if (code !== undefined && HELD_OPEN.has(code))
    return `Could not replace ${name} (${code}): is it open in Excel? Close it and ${again}`;
  if (code !== undefined && FOLDER_IN_THE_WAY.has(code))
    return `Could not replace ${name} (${code}): a folder with that name is now in ${dirname(path)}. Move or rename that folder and ${again}`;
  const reason = nodeMessage.replace(/^[A-Z]+: /, "").replace(/, rename .*$/s, "");
  return `Could not replace ${name} in ${dirname(path)} (${code ?? "error"}: ${reason}). Fix that and ${again}`;
}
