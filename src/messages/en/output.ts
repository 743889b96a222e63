import type { Entry } from "../catalog.js";

/** The results file, and results written back to a Google Sheet (sinks/). */
export const outputEn = {
  "results.writeFailed": (p: { path: string; message: string }) =>
    `Could not write the results file ${p.path}: ${p.message}`,
  "results.again": "run again — rows already synced are not sent again (the journal remembers them).",
  "results.openInExcel": (p: { name: string; code: string; again: string }) =>
    `Could not replace "${p.name}" (${p.code}): is it open in Excel? Close it and ${p.again}`,
  "results.folderInTheWay": (p: { name: string; code: string; dir: string; again: string }) =>
    `Could not replace "${p.name}" (${p.code}): a folder with that name is now in ${p.dir}. Move or rename that folder and ${p.again}`,
  "results.replaceFailed": (p: {
    name: string;
    dir: string;
    code: string | undefined;
    reason: string;
    again: string;
  }) => `Could not replace "${p.name}" in ${p.dir} (${p.code ?? "error"}: ${p.reason}). Fix that and ${p.again}`,
  "results.priorUnreadable": (p: { path: string; message: string }) =>
    `could not read the earlier results ${p.path} (${p.message}): rows the journal does not know ` +
    `are judged without them`,
  "results.isSource": (p: { path: string }) =>
    `--results ${p.path} is the source file itself; writing the results there would replace your data. Pass another --results, or leave it out to write <source>.results.csv beside the source.`,
  "results.notAFile": (p: { path: string; what: string }) =>
    `--results ${p.path} is ${p.what}, not a regular file; the results replace the file named there. Pass a file name such as leads.results.csv.`,
  "results.nameTooLong": (p: { path: string }) =>
    `--results ${p.path}: the file name is too long for the file system. Pass a shorter name.`,
  "results.dirUnwritable": (p: { path: string }) =>
    `Cannot write the results file ${p.path}: its folder does not exist or is not writable. Create it or pass another --results.`,
  "writeBack.sheetRowTaken": (p: { what: string; row: number; holder: number }) =>
    `${p.what}: sheet row ${p.row} already received the result of source row ${p.holder}; not written.`,
  "writeBack.row": (p: { row: number }) => `Row ${p.row}`,
  "writeBack.rowKey": (p: { row: number; key: string }) => `Row ${p.row} (key ${p.key})`,
  "writeBack.lostKeyless": (p: { row: number; column: string }) =>
    `Row ${p.row}: could not be found again (its ${p.column} cell is empty or invalid and the row was edited or deleted during the run); result not written.`,
  "writeBack.keyGone": (p: { what: string; column: string }) =>
    `${p.what}: the key is no longer in column "${p.column}" (row deleted or edited during the run); result not written.`,
  "writeBack.duplicateGone": (p: { what: string }) =>
    `${p.what}: duplicate row no longer in the sheet; result not written.`,
  "writeBack.keyRepeats": (p: { what: string; count: number; rows: readonly number[] }) =>
    `${p.what}: the key appears ${p.count} times (rows ${p.rows.join(", ")}); the result went to row ${p.rows[0]}.`,
  "writeBack.more": (p: { n: number }) => `…and ${p.n} more rows that could not be written back.`,
  "writeBack.keyColumnGone": (p: { column: string; tab: string }) =>
    `The key column "${p.column}" is no longer in the header of tab "${p.tab}" (was it renamed or deleted during the run?); results were not written.`,
  "writeBack.overwritesKey": (p: { column: string; tab: string }) =>
    `write_back would overwrite the key column "${p.column}" of tab "${p.tab}"; choose another write_back column name.`,
  "writeBack.keyNotInHeader": (p: { column: string; tab: string }) =>
    `The key column "${p.column}" is not in the header of tab "${p.tab}".`,
} satisfies Record<string, Entry>;
