import { unguardFormula } from "../core/formula-guard.js";
import type { RowProblem } from "../core/row-problem.js";
import { cellsByHeader, type SourceRow } from "../core/source-row.js";
import { columnLetter } from "../sheets/a1.js";
import { printable } from "../util/printable.js";
import type { RecordCursor } from "./csv-records.js";
import { text } from "../messages/text.js";
import { withMessage } from "../messages/translate.js";

/**
 * A quote that opens and is closed many lines later swallows the rows in between into one cell: `"Ana,a@x.com` …
 * `Carl"a`. A legitimate multi-line cell (a note with line breaks) has no delimiter on its later lines; swallowed rows
 * do. Reported on the row where the quote opens, so those rows are not silently lost.
 */
function quoteSpansLines(cells: readonly string[], headers: readonly string[], delimiter: string, row: number) {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (!cell.includes("\n") && !cell.includes("\r")) continue;
    const lines = cell.split(/\r\n|\n|\r/);
    if (lines.length < 2 || !lines.slice(1).some((line) => line.includes(delimiter))) continue;
    const column = headers[i];
    const problem: RowProblem = withMessage(
      { row, ...(column !== undefined ? { column } : {}), code: "ROW_QUOTE_SPANS_LINES" as const },
      text("row.quoteSpansLines", {
        column: columnLetter(i),
        lines: lines.length,
        delimiter,
        start: printable(lines[0]!.replace(/^"/, ""), 40),
      }),
    );
    return problem;
  }
  return undefined;
}

function tooManyColumns(cells: readonly string[], width: number, delimiter: string, row: number) {
  if (cells.length <= width) return undefined;
  const extraAt = cells.findIndex((cell, i) => i >= width && cell.trim() !== "");
  if (extraAt < 0) return undefined;
  const problem: RowProblem = withMessage(
    { row, code: "ROW_TOO_MANY_COLUMNS" as const },
    text("row.tooManyColumns", {
      cells: cells.length,
      width,
      extra: printable(cells[extraAt]!),
      column: columnLetter(extraAt),
      delimiter,
    }),
  );
  return problem;
}

/**
 * The data rows after the header. `rowNumber` is the spreadsheet row: each record is one row — blank and all-empty
 * lines (`;;;`) are skipped but still counted, because Excel shows them as empty rows; a quoted value with line
 * breaks stays ONE row, so the row number is the record count, not the file line number.
 */
export async function* csvRows(
  cursor: RecordCursor,
  header: { headers: string[]; row: number },
  delimiter: string,
  close: () => Promise<void>,
): AsyncGenerator<SourceRow> {
  const { headers } = header;
  const width = headers.length;
  let rowNumber = header.row;
  try {
    for (;;) {
      const cells = await cursor.next();
      if (cells === undefined) return;
      rowNumber++;
      if (cells.every((cell) => cell.trim() === "")) continue;
      // A cell this tool wrote as '=… so Excel shows it as text reads back as it was (core/formula-guard.ts).
      const values = cellsByHeader(
        headers,
        cells.map((cell) => unguardFormula(cell)),
      );
      const problems = [
        quoteSpansLines(cells, headers, delimiter, rowNumber),
        tooManyColumns(cells, width, delimiter, rowNumber),
      ].filter((p): p is RowProblem => p !== undefined);
      yield problems.length > 0 ? { rowNumber, values, problems } : { rowNumber, values };
    }
  } finally {
    await close();
  }
}
