import type { RowResult, WriteBackColumns } from "../core/row-result.js";

/** Which RowResult field fills each write_back slot. */
const RESULT_FIELD = {
  status: "status",
  chat_add_id: "chatAddId",
  chat_number: "chatNumber",
  error: "error",
  synced_at: "syncedAt",
  message_id: "messageId",
  message_status: "messageStatus",
} as const satisfies Record<keyof WriteBackColumns, keyof RowResult>;

/** The text a write_back slot gets for one result ("" when the run has no value for it). */
export function writeBackValue(result: RowResult, slot: keyof WriteBackColumns): string {
  return result[RESULT_FIELD[slot]] ?? "";
}

export interface ResultLayout {
  /** Input headers, then the write_back columns that are not already among them. */
  outputHeaders: string[];
  /** Where each write_back value goes and which slot fills it. */
  resultAt: Array<{ index: number; slot: keyof WriteBackColumns }>;
  /** One result as a row under `outputHeaders`: its input values, then THIS run's write_back values. */
  record(result: RowResult): string[];
}

/**
 * Columns of a results file (CSV or workbook): every input column plus the chosen write_back columns. A
 * write_back column whose name already exists in the input (re-running on a results file) reuses that column and
 * holds this run's value ("" when this run has none); a slot the mapping leaves unnamed (message columns without
 * messages) is not written.
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
    resultAt.push({ index, slot });
  }
  const width = outputHeaders.length;
  const inputWidth = headers.length;
  // Plain arrays of where and which field, read in a counted loop: this runs for every row of the file.
  const at = resultAt.map((r) => r.index);
  const fields = resultAt.map((r) => RESULT_FIELD[r.slot]);
  const record = (result: RowResult): string[] => {
    const cells = new Array<string>(width);
    const values = result.values;
    for (let i = 0; i < inputWidth; i++) cells[i] = values[headers[i]!] ?? "";
    for (let i = inputWidth; i < width; i++) cells[i] = "";
    for (let i = 0; i < at.length; i++) cells[at[i]!] = result[fields[i]!] ?? "";
    return cells;
  };
  return { outputHeaders, resultAt, record };
}
