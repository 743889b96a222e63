/** The parts of a problem worth showing; each appears only when given. */
export interface ProblemParts {
  code?: string | undefined;
  /** Spreadsheet row number (header = 1). Leave it out where the row is implied (a results cell beside its row). */
  row?: number | undefined;
  column?: string | undefined;
  message: string;
}

/**
 * The ONE way a problem becomes text, for people and results cells alike:
 * `ROW_PHONE_INVALID: column "Telefone": "12345" is not a valid phone number` (results cell, row implied),
 * `Row 14, column "Telefone": "12345" is not a valid phone number` (terminal line, code left out).
 */
export function formatProblem(problem: ProblemParts): string {
  const where = [
    problem.row !== undefined ? `Row ${problem.row}` : undefined,
    problem.column !== undefined ? `column "${problem.column}"` : undefined,
  ].filter((part): part is string => part !== undefined);
  return `${problem.code !== undefined ? `${problem.code}: ` : ""}${where.length > 0 ? `${where.join(", ")}: ` : ""}${problem.message}`;
}

/** A results `error` cell: every problem of the row, code first, the row left out (the cell sits on it). */
export function formatProblemCell(problems: ReadonlyArray<Omit<ProblemParts, "row">>): string {
  return problems.map((p) => formatProblem({ code: p.code, column: p.column, message: p.message })).join("; ");
}
