import { ConfigError } from "../errors.js";
import { a1Cell, columnLetter } from "../sheets/a1.js";
import { printable } from "../util/printable.js";

export interface HeaderPlace {
  /** How messages name the table: a file name, `Tab "Leads"`, `worksheet "Plan1"`. */
  label: string;
  /** Spreadsheet row the header is on (1 unless `--header-row`). @default 1 */
  row?: number;
}

/**
 * The header rule every source shares (SPEC §4.1): names are trimmed; trailing nameless columns are dropped (Excel
 * exports often end every line with `;`, people leave notes right of the table); a nameless or repeated column
 * anywhere else is an error naming the column, because the mapping and the results file address columns by name.
 */
export function checkHeader(cells: readonly string[], place: HeaderPlace): string[] {
  const { label } = place;
  const row = place.row ?? 1;
  const names = cells.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, "") : cell).trim());
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  if (names.length === 0) {
    throw new ConfigError("SOURCE_EMPTY", `${label} has no header: row ${row} must hold the column names.`, {
      context: { row },
    });
  }
  const column = (i: number) => `column ${i + 1} (${columnLetter(i)})`;
  // `--header-row 2` kept from the original export and used on the errors file, whose names are on row 1: row 2 is
  // then a data row, and its empty or repeated cells are not what needs fixing.
  const elsewhere =
    row > 1
      ? ` If the column names are on another row (row 1 in a results or errors file this tool wrote), pass that row with --header-row, or leave --header-row out for row 1.`
      : "";
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === "") {
      throw new ConfigError(
        "SOURCE_HEADER_EMPTY",
        `${label}: header ${column(i)} has no name (cell ${a1Cell(i, row)}). Give every column a name in row ${row}, or delete the empty column.${elsewhere}`,
        { context: { column: i + 1, cell: a1Cell(i, row) } },
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ConfigError(
        "SOURCE_HEADER_DUPLICATE",
        `${label}: header "${printable(name)}" appears twice, in ${column(first)} and ${column(i)} (cells ${a1Cell(first, row)} and ${a1Cell(i, row)}). Rename one of them.${elsewhere}`,
        { context: { column: i + 1, cell: a1Cell(i, row), name: printable(name) } },
      );
    }
    seen.set(name, i);
  });
  return names;
}
