import { existsSync } from "node:fs";
import { carriesWriteBack } from "../core/write-back-evidence.js";
import type { LoadedMapping } from "../mapping/load-mapping.js";
import { keyColumnOf, keyOfCell } from "../mapping/row-key.js";
import type { OpenedSource } from "../sources/source.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

/**
 * The results file an earlier run left (before this run replaces it), read for one fact: which row keys it shows this
 * tool wrote back for — evidence for the hold rule (engine/follow-ups/hold-rule.ts) when the journal has no record of a row.
 * Read once, on the first question (a run whose journal knows every row never reads it), and only keys the journal
 * does not know are kept. A results file that cannot be read is no evidence: the warning says so.
 */
export function priorResults(
  path: string,
  /** Opens `path` as a source (the caller knows the concrete kinds: CSV, workbook). */
  open: () => Promise<OpenedSource>,
  mapping: LoadedMapping,
  unknown: (key: string) => boolean,
  /** `said`: the warning as a catalog Text, for the person's language. */
  onWarning: (message: string, said?: Text) => void,
): { has(key: string): Promise<boolean> } {
  let keys: Promise<ReadonlySet<string>> | undefined;
  const read = async (): Promise<ReadonlySet<string>> => {
    const found = new Set<string>();
    if (!existsSync(path)) return found;
    const keyOf = keyOfCell(mapping);
    const column = keyColumnOf(mapping);
    try {
      const opened = await open();
      try {
        for await (const row of opened.rows) {
          const key = keyOf(row.values[column] ?? "");
          if (key !== undefined && unknown(key) && carriesWriteBack(row.values, mapping.write_back)) found.add(key);
        }
      } finally {
        await opened.close();
      }
    } catch (error) {
      const said = text("results.priorUnreadable", { path, message: (error as Error).message });
      onWarning(english(said), said);
    }
    return found;
  };
  return {
    has: async (key) => (await (keys ??= read())).has(key),
  };
}
