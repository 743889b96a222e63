/**
 * One CSV record as text, quoted the way the results file has always been written (csv-stringify with `quote: '"'`,
 * `quoted_match: /[\r\n]/`): a cell is quoted when it holds a quote, the delimiter, a CR or an LF — a lone "\n"
 * inside an unquoted value would split the row in Excel — and a quote inside is doubled; "" stays empty and unquoted.
 * Hand-rolled because a stream transform per row was a third of an unchanged 100 000-row re-run.
 */
export type CsvLine = (cells: readonly string[]) => string;

/** A one-character delimiter: a plain scan beats a regex test on the short cells of a contact list (8 per row). */
function scanner(delimiter: number): (cell: string) => boolean {
  return (cell) => {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === delimiter || c === 34 || c === 10 || c === 13) return true;
    }
    return false;
  };
}

export function csvLine(delimiter: string): CsvLine {
  if (delimiter === "" || /["\r\n]/.test(delimiter)) {
    throw new TypeError(`CSV delimiter ${JSON.stringify(delimiter)} cannot be written unambiguously`);
  }
  const special = new RegExp(`["\\r\\n]|${delimiter.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")}`);
  // A multi-character delimiter also fuses with a cell ending in its first characters ("a:" + "::" reads as "a" ":::").
  const fuses =
    delimiter.length === 1 ? () => false : (cell: string) => (cell + delimiter).indexOf(delimiter) < cell.length;
  const needsQuotes = delimiter.length === 1 ? scanner(delimiter.charCodeAt(0)) : (cell: string) => special.test(cell);
  const cellText = (cell: string): string =>
    needsQuotes(cell) || fuses(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  // join() builds one flat string; `+=` would build a rope that every later write has to flatten again.
  // One scratch array for every record (the call is synchronous): a new one per row is garbage on 100 000 rows.
  const texts: string[] = [];
  return (cells) => {
    texts.length = cells.length;
    for (let i = 0; i < cells.length; i++) texts[i] = cellText(cells[i]!);
    return texts.join(delimiter);
  };
}
