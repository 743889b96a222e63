import type { SourceRow } from "../sources/source.js";
import { createRowMapper } from "./apply-mapping.js";
import type { ContactDraft, RowProblem } from "./contact.js";
import type { LoadedMapping } from "./load-mapping.js";

export type RowClass =
  | { kind: "valid"; draft: ContactDraft }
  | { kind: "invalid"; problems: RowProblem[] }
  | { kind: "duplicate"; draft: ContactDraft; problem: RowProblem };

/**
 * Maps each row and flags second and later rows with a key already seen in this source (SPEC §4.4: the first row
 * wins). Stateful: one classifier per pass over a source. Memory is one Map entry per distinct key.
 */
export function createRowClassifier(mapping: LoadedMapping, headers: string[]): (row: SourceRow) => RowClass {
  const map = createRowMapper(mapping, headers);
  const keyColumn = mapping.key ?? mapping.phone.column;
  const phoneKeys = keyColumn === mapping.phone.column;
  // Canonical phones are ≤ 15 digits with no leading 0, so they fit a double exactly; a number key costs far less
  // memory than a string on million-row files.
  const firstRow = new Map<string | number, number>();
  return (row) => {
    const mapped = map(row);
    if (!mapped.ok) return { kind: "invalid", problems: mapped.problems };
    const { draft } = mapped;
    const id = phoneKeys ? Number(draft.key) : draft.key;
    const first = firstRow.get(id);
    if (first === undefined) {
      firstRow.set(id, row.rowNumber);
      return { kind: "valid", draft };
    }
    const what = phoneKeys ? `the phone number ${draft.key}` : `the key "${draft.key}"`;
    return {
      kind: "duplicate",
      draft,
      problem: {
        row: row.rowNumber,
        column: keyColumn,
        code: "ROW_DUPLICATE_KEY",
        message: `duplicate of row ${first}: ${what} appears again (the first row wins)`,
      },
    };
  };
}
