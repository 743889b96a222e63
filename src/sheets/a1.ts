/**
 * A1-notation helpers shared by the Sheets source and sink. Tab titles are always quoted: Google accepts a quoted
 * title everywhere, and titles with spaces, apostrophes or that look like cell references ("A1", "R1C1") need it.
 */

/** 0-based column index → letters: 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`Expected a column index from 0 and up, got ${index}`);
  let letters = "";
  let n = index + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Column letters → 0-based index: "A" → 0, "AA" → 26. Case-insensitive. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) throw new RangeError(`Expected column letters, got "${letters}"`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `'Tab name'` with embedded apostrophes doubled, as the Sheets API expects. */
export function quoteSheetTitle(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/** A rectangular range; rows are 1-based sheet rows, columns 0-based. Omitted ends are open (whole column/row). */
export interface GridRange {
  fromColumn: number;
  fromRow?: number;
  toColumn: number;
  toRow?: number;
}

/** `'Tab'!A2:E10`, `'Tab'!C:C` (fromRow/toRow omitted) or `'Tab'!A2:E` (toRow omitted). */
export function a1Range(title: string, range: GridRange): string {
  const start = `${columnLetter(range.fromColumn)}${range.fromRow ?? ""}`;
  const end = `${columnLetter(range.toColumn)}${range.toRow ?? ""}`;
  return `${quoteSheetTitle(title)}!${start}:${end}`;
}

/** `'Tab'!1:1` — a whole row, however wide the sheet is. */
export function a1Row(title: string, row: number): string {
  return `${quoteSheetTitle(title)}!${row}:${row}`;
}

/** `'Tab'!C1` — one cell, for messages. */
export function a1Cell(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}
