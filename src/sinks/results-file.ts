import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../errors.js";

/** Shared by the results-file sinks (CSV, workbook): where the temp file goes and how a failed write is told. */

/** A temp file beside `path` (same folder, so the final rename is atomic), unique per process and sink. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

export function resultsWriteError(path: string, error: Error): ConfigError {
  return new ConfigError("RESULTS_WRITE_FAILED", `Could not write the results file ${path}: ${error.message}`, {
    cause: error,
    context: { path },
  });
}
