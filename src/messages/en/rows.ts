import type { Entry } from "../catalog.js";

/** Why a row ended `invalid` or `duplicate`: what is wrong with one cell or the row, and how to fix it. */
export const rowsEn = {
  "row.phoneInvalid": (p: { raw: string; reason: string }) => `"${p.raw}" is not a valid phone number (${p.reason})`,
  "row.phone.empty": "empty",
  "row.phone.noDigits": "no digits",
  "row.phone.tooShort": "too short",
  "row.phone.tooLong": "too long",
  "row.phone.unknownArea": (p: { area: string }) => `unknown Brazilian area code ${p.area}`,
  "row.phone.nineDigits": "a 9-digit number must start with 9",
  "row.phone.notValid": "not a valid number",
  "row.phone.letters": "contains letters",
  "row.phone.scientific":
    "Excel wrote it in scientific notation and its last digits were lost when the file was saved: in Excel, format the " +
    "phone column so every digit shows (Formatar Células › Número with 0 casas decimais, or Texto) and save the CSV " +
    "again, or use the .xlsx itself as the source",
  "row.phoneEmpty": "the phone number is empty",
  "row.keyEmpty": (p: { column: string }) => `the key column "${p.column}" is empty`,
  "row.valueInvalid": (p: { message: string; label: string }) => `${p.message} (${p.label})`,
  "row.label.customField": (p: { field: string }) => `custom field "${p.field}"`,
  "row.label.context": (p: { field: string }) => `context variable "${p.field}"`,
  "row.dateNoMatch": (p: { value: string; pattern: string }) =>
    `"${p.value}" does not match the date pattern ${p.pattern}`,
  "row.dateNotReal": (p: { value: string; pattern: string }) =>
    `"${p.value}" is not a real date/time for the pattern ${p.pattern}`,
  "row.sendDateInvalid": (p: { value: string }) =>
    `"${p.value}" is not a date: write DD/MM/AAAA HH:MM (Brasília time), e.g. 05/12/2026 14:30`,
  "row.sendDatePast": (p: { wire: string }) =>
    `the send date ${p.wire} (Brasília time) is in the past; ChatGuru only schedules future messages — change the date, or clear it to send now`,
  "row.fileUrlNotLink": (p: { url: string }) => `"${p.url}" is not a link: the file must be an http(s) URL`,
  "row.fileUrlNotHttp": (p: { url: string }) =>
    `"${p.url}" is not an http(s) link: ChatGuru downloads the file from the web`,
  "row.fileUrlNoExtension": (p: { url: string }) =>
    `"${p.url}" does not end in the file's extension (e.g. .pdf): ChatGuru needs it to know the file type`,
  "row.duplicate": (p: { first: number; key: string; phoneKey: boolean }) =>
    `duplicate of row ${p.first}: ${p.phoneKey ? `the phone number ${p.key}` : `the key "${p.key}"`} appears again (the first row wins)`,
  "row.quoteSpansLines": (p: { column: string; lines: number; delimiter: string; start: string }) =>
    `a quoted value starts in this row (column ${p.column}) and runs over ${p.lines} lines that look like ` +
    `rows (they contain "${p.delimiter === "\t" ? "tab" : p.delimiter}"): a missing or extra " probably merged those rows into ` +
    `this one. Fix the quotes in the file (value starts "${p.start}")`,
  "row.tooManyColumns": (p: { cells: number; width: number; extra: string; column: string; delimiter: string }) =>
    `the row has ${p.cells} cells but the header has ${p.width} columns (extra value "${p.extra}" in column ${p.column}); check for an unquoted "${p.delimiter === "\t" ? "tab" : p.delimiter}" in a value`,
} satisfies Record<string, Entry>;
