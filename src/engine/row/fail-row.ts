import { isChatGuruError } from "../../chatguru/errors.js";
import { textOf } from "../../errors.js";
import { withHint } from "../../messages/hint.js";
import { english } from "../../messages/translate.js";
import type { RowJob } from "../job/row-job.js";
import { known, type ContactResult } from "../job/row-result.js";
import { isRowFailure, RowFailure } from "../shared/row-failure.js";
import { configStopOf } from "./config-stop.js";

/** A row problem becomes the row's `failed` outcome (journaled); anything else is rethrown for the run to handle. */
export async function failRow(job: RowJob, caught: unknown): Promise<ContactResult> {
  // A ChatGuru error that escaped classification (e.g. a parameter ChatGuru would refuse) is still this row's problem.
  const error = isChatGuruError(caught) ? new RowFailure(caught.code, textOf(caught), caught.action) : caught;
  if (!isRowFailure(error)) throw error;
  const description = isChatGuruError(caught) ? caught.description : undefined;
  const facts = { code: error.code, message: error.message, action: error.action, description };
  const stopsRun = configStopOf(facts, job.draft);
  // Usually already in the message (added where the ChatGuru error was built); withHint never repeats it.
  const said = withHint(error.text, error.code);
  const message = english(said);
  const prior = job.entry;
  await job.journal({
    lastOutcome: "failed",
    errorCode: error.code,
    error: message,
    rowNumber: job.draft.rowNumber,
  });
  return {
    outcome: "failed",
    errorCode: error.code,
    error: message,
    errorText: said,
    ...known(prior),
    ...(stopsRun ? { stopsRun } : {}),
  };
}
