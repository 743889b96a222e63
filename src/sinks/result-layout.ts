import type { RowResult, WriteBackColumns } from "../core/row-result.js";

const RESULT_FIELD: Record<keyof WriteBackColumns, keyof RowResult> = {
  status: "status",
  chat_add_id: "chatAddId",
  chat_number: "chatNumber",
  error: "error",
  synced_at: "syncedAt",
  message_id: "messageId",
  message_status: "messageStatus",
};

export interface ResultLayout {
  /** Input headers, then the write_back columns that are not already among them. */
  outputHeaders: string[];
  /** Where each write_back value goes and which RowResult field fills it. */
  resultAt: Array<{ index: number; field: keyof RowResult }>;
}

/**
 * Columns of a results file (CSV or workbook, SPEC §5): every input column plus the chosen write_back columns. A
 * write_back column whose name already exists in the input (re-running on a results file) reuses that column; a slot
 * the mapping leaves unnamed (message columns without messages) is not written.
 */
export function resultLayout(
  headers: readonly string[],
  columns: ReadonlyArray<keyof WriteBackColumns>,
  writeBack: WriteBackColumns,
): ResultLayout {
  const outputHeaders = [...headers];
  const resultAt: ResultLayout["resultAt"] = [];
  for (const slot of columns) {
    const name = writeBack[slot];
    if (name === undefined) continue;
    let index = outputHeaders.indexOf(name);
    if (index < 0) index = outputHeaders.push(name) - 1;
    resultAt.push({ index, field: RESULT_FIELD[slot] });
  }
  return { outputHeaders, resultAt };
}
