import { formatProblem } from "../../messages/problem.js";
import type { RowResult } from "../../core/row-result.js";
import type { RowState } from "../../state/state-store.js";
import { known } from "./row-result.js";

/**
 * The row's last result as the journal knows it, for rows this run does not finish (filtered out, or not reached
 * before a stop): the results then show what the last run did instead of a blank that erases it (see docs/journal.md).
 */
export function lastResult(prior: RowState | undefined): { status?: string; extra: Partial<RowResult> } {
  const extra: Partial<RowResult> = {
    ...known(prior),
    ...(prior?.error ? { error: formatProblem({ code: prior.errorCode, message: prior.error }) } : {}),
    ...(prior?.errorCode ? { errorCode: prior.errorCode } : {}),
  };
  return prior?.lastOutcome ? { status: prior.lastOutcome, extra } : { extra };
}
