import type { OpenedSource } from "../sources/source.js";

const ENCODING_NAMES: Record<string, string> = {
  "utf-8": "UTF-8",
  utf8: "UTF-8",
  "windows-1252": "Windows-1252",
  latin1: "Latin-1",
  "iso-8859-1": "Latin-1",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
};

/** `;` → `";"`, a tab → `tab`: a tab between quotes is invisible. */
function delimiterName(delimiter: string): string {
  return delimiter === "\t" ? "tab" : `"${delimiter}"`;
}

/**
 * How the source was read, in one line — `read leads.csv as Windows-1252, delimiter ";", header on row 3 (a "sep=;"
 * line set the delimiter)` — so a person whose accents came out wrong, or whose columns ran together, sees which
 * guess to override (--encoding, --delimiter, --header-row, --sheet). Undefined when there is nothing to say (Sheets).
 */
export function describeRead(label: string, opened: OpenedSource): string | undefined {
  if (opened.worksheet) {
    const { name, headerRow } = opened.worksheet;
    return `read ${label}, worksheet "${name}", header on row ${headerRow}`;
  }
  const format = opened.format;
  if (!format) return undefined;
  const encoding = ENCODING_NAMES[format.encoding.toLowerCase()] ?? format.encoding;
  const parts = [
    `read ${label} as ${encoding}${format.bom ? " (with byte-order mark)" : ""}`,
    `delimiter ${delimiterName(format.delimiter)}`,
    ...(format.headerRow !== undefined ? [`header on row ${format.headerRow}`] : []),
  ];
  const why = format.sepLine ? ` (a "sep=${format.delimiter}" line set the delimiter)` : "";
  return `${parts.join(", ")}${why}`;
}
