import type { SourceRecord } from "../sources/source-record.js";
import type { UiServices } from "./services.js";

/** A shell word: bare when plain, else single-quoted (a cron line is a POSIX shell line). */
function quote(word: string): string {
  return /^[\w./:@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that does from a terminal or a cron line what the Envio page does: same file as read here, same
 * mapping, so the same journal — the take-over the app promises.
 */
export function cliCommand(services: UiServices, record: SourceRecord): string {
  const path = services.sources.store.filePath(record);
  const source = path ? services.folder.shown(path) : record.url!;
  const words = ["chatguru-sync", "sync", "--source", source, "--mapping", `${record.stem}.mapping.json`];
  const { encoding, delimiter, headerRow, sheet } = record.chosen;
  if (encoding) words.push("--encoding", encoding);
  if (delimiter) words.push("--delimiter", delimiter);
  if (headerRow !== undefined) words.push("--header-row", String(headerRow));
  if (sheet) words.push("--sheet", sheet);
  return words.map(quote).join(" ");
}
