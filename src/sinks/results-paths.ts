import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { text } from "../messages/text.js";
import type { Source } from "../sources/source.js";
import { outputPathProblem } from "../util/output-path.js";

/** Where the files of a run go: results, the errors-only file beside them, and a dry run's plan. */

/** `leads.csv` → `leads`, `leads.results.csv` → `leads`: the name the results, errors and plan files share. */
function stem(path: string): string {
  return basename(path, extname(path)).replace(/\.results$/i, "");
}

function hasPath(source: Source): source is Source & { path: string } {
  return Boolean(source.path) && source.path !== "-";
}

/** Default results file: `<source>.results.csv` beside a CSV source, `<source>.results.xlsx` beside a workbook. */
export function defaultResultsPath(source: Source, cwd: string): string {
  if (!hasPath(source)) return join(cwd, "chatguru-sync.results.csv");
  return join(dirname(source.path), `${stem(source.path)}.results.${source.kind === "xlsx" ? "xlsx" : "csv"}`);
}

/**
 * `<source>.errors.csv` beside the results — `.xlsx` when the results are a workbook, so the rows to fix reopen in
 * Excel exactly as they were read (a CSV opened in Excel turns a 13-digit phone into 5,51E+12 and loses digits).
 * Never the source itself: a re-run on `leads.errors.csv` with `--results leads.csv` must not overwrite its input.
 */
export function errorsPath(resultsPath: string, source: Source): string {
  // A workbook's rows to fix stay a workbook even beside `--results out.csv`: they are fixed in Excel.
  const ext = extname(resultsPath).toLowerCase() === ".xlsx" || source.kind === "xlsx" ? "xlsx" : "csv";
  const path = join(dirname(resultsPath), `${stem(resultsPath)}.errors.${ext}`);
  if (hasPath(source) && resolve(source.path) === resolve(path)) {
    return join(dirname(resultsPath), `${stem(resultsPath)}.errors.errors.${ext}`);
  }
  return path;
}

/**
 * A dry run's plan: `<source>.plan.csv` beside the source, else beside `--results`, else in the working directory.
 * A workbook's plan is a workbook (whatever `--results` names), as its errors file is: a CSV opened in Excel shows a
 * 13-digit phone as 5,51E+12.
 */
export function planPath(source: Source, cwd: string, results?: string): string {
  const workbook = source.kind === "xlsx" || (results !== undefined && extname(results).toLowerCase() === ".xlsx");
  const name = `plan.${workbook ? "xlsx" : "csv"}`;
  if (hasPath(source)) return join(dirname(source.path), `${stem(source.path)}.${name}`);
  if (results) return join(dirname(results), `${stem(results)}.${name}`);
  return join(cwd, `chatguru-sync.${name}`);
}

/**
 * Checked before anything is sent: the results are written to a temp file renamed
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
