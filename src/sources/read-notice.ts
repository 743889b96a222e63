import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";
import type { OpenedSource } from "./source.js";

const ENCODING_NAMES: Record<string, string> = {
  "utf-8": "UTF-8",
  utf8: "UTF-8",
  "windows-1252": "Windows-1252",
  latin1: "Latin-1",
  "iso-8859-1": "Latin-1",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
};

/**
 * How the source was read, in one line — `read leads.csv as Windows-1252, delimiter ";", header on row 3 (a "sep=;"
 * line set the delimiter)` — so a person whose accents came out wrong, or whose columns ran together, sees which
 * guess to override (--encoding, --delimiter, --header-row, --sheet). Undefined when there is nothing to say (Sheets).
 */
export function describeRead(label: string, opened: OpenedSource): string | undefined {
  const said = describeReadText(label, opened);
  return said === undefined ? undefined : english(said);
}

/** describeRead as a catalog Text, for the person's language. */
export function describeReadText(label: string, opened: OpenedSource): Text | undefined {
  if (opened.worksheet) {
    const { name, headerRow } = opened.worksheet;
    return text("read.worksheet", { label, name, headerRow });
  }
  const format = opened.format;
  if (!format) return undefined;
  // `;` is said `";"` and a tab `tab` (a tab between quotes is invisible): the catalog's words.
  return text("read.text", {
    label,
    encoding: ENCODING_NAMES[format.encoding.toLowerCase()] ?? format.encoding,
    bom: Boolean(format.bom),
    delimiter: format.delimiter,
    headerRow: format.headerRow,
    sepLine: Boolean(format.sepLine),
  });
}
