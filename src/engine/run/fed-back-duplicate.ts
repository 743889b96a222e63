import type { SourceRow } from "../../core/source-row.js";
import type { LoadedMapping } from "../../mapping/load-mapping.js";
import type { RowClass } from "../../mapping/row-classifier.js";
import type { RowState } from "../../state/state-store.js";
import { withMessage } from "../../messages/translate.js";
import { text } from "../../messages/text.js";

/**
 * An errors file fed back ("fix those rows, feed the file back") holds the duplicates of rows that were
 * synced from the original file. Alone in the errors file, a duplicate left as it was is no longer a second row of its
 * phone: it would be synced and overwrite the fields of the row that won, and the original file's next run would put
 * them back — a flip-flop on every run. So a row still marked `duplicate` in the file's own status column, whose
 * phone's chat the journal already synced, stays a duplicate until the user changes its phone or clears that cell.
 * Undefined when the source has no status column (not a file this tool wrote).
 */
export function fedBackDuplicates(
  mapping: LoadedMapping,
  headers: readonly string[],
  priorOf: (key: string) => RowState | undefined,
): ((row: SourceRow, verdict: RowClass) => RowClass) | undefined {
  const column = mapping.write_back.status;
  if (!headers.includes(column)) return undefined;
  return (row, verdict) => {
    if (verdict.kind !== "valid" || row.values[column]?.trim() !== "duplicate") return verdict;
    if (priorOf(verdict.draft.key)?.hash === undefined) return verdict;
    return {
      kind: "duplicate",
      draft: verdict.draft,
      problem: withMessage(
        { row: row.rowNumber, column: mapping.phone.column, code: "ROW_DUPLICATE_KEY" as const },
        text("row.stillDuplicate", { phone: verdict.draft.phone.canonical, column }),
      ),
    };
  };
}
