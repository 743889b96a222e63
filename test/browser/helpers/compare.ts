// What "the web app sends what the CLI sends" means, made comparable: per chat number, the actions the mock
// received; and a results file with the values that differ by nature (timestamps, ids ChatGuru made up) masked.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { MockState } from "../../../src/chatguru/mock/mock-server.js";

/** chat_number → its actions in order of arrival; the status polls (which name no chat) counted apart. */
export function requestsPerRow(state: MockState): { byNumber: Record<string, string[]>; statusPolls: number } {
  const byNumber: Record<string, string[]> = {};
  let statusPolls = 0;
  for (const entry of state.log) {
    if (!entry.chatNumber) {
      statusPolls++;
      continue;
    }
    (byNumber[entry.chatNumber] ??= []).push(entry.action);
  }
  for (const list of Object.values(byNumber)) list.sort();
  return { byNumber, statusPolls };
}

/** Columns whose values are the moment or an id of this very run: compared as empty / not empty only. */
const VOLATILE = /^chatguru_(synced_at|chat_add_id|message_id|message_status)$/;

function mask(rows: string[][]): string[][] {
  const header = rows[0] ?? [];
  const volatile = header.map((name) => VOLATILE.test(name));
  return rows.map((row, r) => (r === 0 ? row : row.map((cell, c) => (volatile[c] && cell !== "" ? "<set>" : cell))));
}

/** A results CSV as rows of cells (UTF-8 with BOM, the source's delimiter). */
export function csvRows(path: string, delimiter: string): string[][] {
  return mask(parse(readFileSync(path), { bom: true, delimiter, relax_column_count: true }) as string[][]);
}

/** A results workbook's first sheet as rows of displayed text. */
export async function xlsxRows(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? "");
    rows.push(cells);
  });
  return mask(rows);
}
