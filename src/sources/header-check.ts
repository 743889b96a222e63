import { ConfigError } from "../errors.js";
import { a1Cell, columnLetter } from "../sheets/a1.js";
import { printable } from "../util/printable.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";

export interface HeaderPlace {
  /** How messages name the table: a file name, `Tab "Leads"`, `worksheet "Plan1"`. */
  label: string | Text;
  /** Spreadsheet row the header is on (1 unless `--header-row`). @default 1 */
  row?: number;
}

/**
 * The header rule every source shares: names are trimmed; trailing nameless columns are dropped (Excel
 * exports often end every line with `;`, people leave notes right of the table); a nameless or repeated column
 * anywhere else is an error naming the column, because the mapping and the results file address columns by name.
 */
export function checkHeader(cells: readonly string[], place: HeaderPlace): string[] {
  const { label } = place;
  const row = place.row ?? 1;
  const names = cells.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, "") : cell).trim());
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  if (names.length === 0) {
    throw new ConfigError("SOURCE_EMPTY", text("source.noHeader", { label, row }), {
      context: { row },
    });
  }
  const column = (i: number) => text("source.column", { n: i + 1, letter: columnLetter(i) });
  // `--header-row 2` kept from the original export and used on the errors file, whose names are on row 1: row 2 is
  // then a data row, and its empty or repeated cells are not what needs fixing.
  const elsewhere = row > 1 ? text("source.headerElsewhere") : "";
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === "") {
      throw new ConfigError(
        "SOURCE_HEADER_EMPTY",
        text("source.headerNoName", { label, column: column(i), cell: a1Cell(i, row), row, elsewhere }),
        { context: { column: i + 1, cell: a1Cell(i, row) } },
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ConfigError(
        "SOURCE_HEADER_DUPLICATE",
        text("source.headerTwice", {
          label,
          name: printable(name),
          first: column(first),
          second: column(i),
          firstCell: a1Cell(first, row),
          secondCell: a1Cell(i, row),
          elsewhere,
        }),
        { context: { column: i + 1, cell: a1Cell(i, row), name: printable(name) } },
      );
    }
    seen.set(name, i);
  });
  return names;
}
