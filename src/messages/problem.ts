import type { Text } from "../core/text.js";
import { text } from "./text.js";
import { english } from "./translate.js";

/** The parts of a problem worth showing; each appears only when given. */
export interface ProblemParts {
  code?: string | undefined;
  /** Spreadsheet row number (header = 1). Leave it out where the row is implied (a results cell beside its row). */
  row?: number | undefined;
  column?: string | undefined;
  /** English words (a row problem's `message`)… */
  message: Text | string;
  /** …or the same as a catalog Text, said in the reader's language when given. */
  text?: Text | undefined;
}

/**
 * The ONE way a problem becomes text, for people and results cells alike:
 * `ROW_PHONE_INVALID: column "Telefone": "12345" is not a valid phone number` (results cell, row implied),
 * `Row 14, column "Telefone": "12345" is not a valid phone number` (terminal line, code left out).
 */
export function problemText(problem: ProblemParts): Text {
  return text("problem", {
    code: problem.code,
    row: problem.row,
    column: problem.column,
    message: problem.text ?? problem.message,
  });
}

/** A results `error` cell: every problem of the row, code first, the row left out (the cell sits on it). */
export function problemCellText(problems: ReadonlyArray<Omit<ProblemParts, "row">>): Text {
  return text("problemList", {
    problems: problems.map((p) => problemText({ code: p.code, column: p.column, message: p.message, text: p.text })),
  });
}

/** formatProblem in English: what results cells, the journal and library users get. */
export function formatProblem(problem: ProblemParts): string {
  return english(problemText(problem));
}

export function formatProblemCell(problems: ReadonlyArray<Omit<ProblemParts, "row">>): string {
  return english(problemCellText(problems));
}
