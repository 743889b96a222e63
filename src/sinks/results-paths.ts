import { basename, dirname, extname, join, resolve } from "node:path";
import type { Source } from "../sources/source.js";

/** Where the files of a run go (SPEC §5): results, the errors-only file beside them, and a dry run's plan. */

/** `leads.csv` → `leads`, `leads.results.csv` → `leads`: the name the results, errors and plan files share. */
function stem(path: string): string {
  return basename(path, extname(path)).replace(/\.results$/i, "");
}

function hasPath(source: Source): source is Source & { path: string } {
  return Boolean(source.path) && source.path !== "-";
}

/** Default results file: `<source>.results.csv` beside a CSV source, `<source>.results.xlsx` beside a workbook (SPEC §5). */
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
