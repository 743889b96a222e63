import { describe, expect, it } from "vitest";
import { formatProblem, formatProblemCell } from "../../../src/messages/problem.js";
import type { RowProblem } from "../../../src/core/row-problem.js";

describe("formatProblem", () => {
  it("a terminal line: row and column first, no code", () => {
    expect(formatProblem({ row: 14, column: "Telefone", message: '"12345" is too short' })).toBe(
      'Row 14, column "Telefone": "12345" is too short',
    );
    expect(formatProblem({ row: 3, message: "failed — x" })).toBe("Row 3: failed — x");
  });
  it("a results cell: the code, the column when there is one, the row left out", () => {
    expect(formatProblem({ code: "ROW_VALUE_MISSING", column: "Nome", message: "empty" })).toBe(
      'ROW_VALUE_MISSING: column "Nome": empty',
    );
    expect(formatProblem({ code: "ADD_UNCERTAIN", message: "lost" })).toBe("ADD_UNCERTAIN: lost");
    expect(formatProblem({ code: undefined, message: "just this" })).toBe("just this");
  });
  it("formatProblemCell joins every problem of a row and never shows the row number", () => {
    const problems: RowProblem[] = [
      { row: 5, code: "ROW_TOO_MANY_COLUMNS", message: "extra" },
      { row: 5, column: "Telefone", code: "ROW_PHONE_INVALID", message: "too short" },
    ];
    expect(formatProblemCell(problems)).toBe(
      'ROW_TOO_MANY_COLUMNS: extra; ROW_PHONE_INVALID: column "Telefone": too short',
    );
  });
});
