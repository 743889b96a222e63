import type { Entry } from "../catalog.js";

/** What a file that is not CSV text looks like, and how to get one that is read (sources/text-detect.ts). */
export type NotTextKind = "xlsxRenamed" | "zip" | "pdf" | "html" | "binary";
/** Spreadsheet formats that are not read (sources/spreadsheet-formats.ts). */
export type OtherSpreadsheetKind = "xls" | "ods" | "numbers";

const SAVE_AS_CSV = 'save it from the spreadsheet program as "CSV UTF-8" (or "CSV") and pass that file';
const XLSX_IS_READ = "the .xlsx is read directly and keeps long numbers such as phones whole";
const SAVE_AS =
  'Open it in Excel and use File > Save As > "Excel Workbook (.xlsx)" (or "CSV UTF-8"), then use that file.';

const NOT_TEXT: Record<NotTextKind, { looksLike: string; todo: (order: string) => string }> = {
  xlsxRenamed: {
    looksLike: "an Excel workbook (.xlsx) with another extension",
    todo: () => "pass it with its real .xlsx extension (workbooks are read directly), or " + SAVE_AS_CSV,
  },
  zip: { looksLike: "a zip archive", todo: () => "unzip it and pass the CSV file inside" },
  pdf: { looksLike: "a PDF document", todo: () => "export the data from the original spreadsheet as CSV instead" },
  html: {
    looksLike: "a web page (HTML), as some systems export under a .xls or .csv name",
    todo: () => "open it in Excel and " + SAVE_AS_CSV,
  },
  binary: {
    looksLike: "binary data, not text",
    todo: (order) => `${SAVE_AS_CSV} (if it is UTF-16 text without a byte-order mark, pass --encoding ${order})`,
  },
};

const OTHER: Record<OtherSpreadsheetKind, { is: string; todo: string }> = {
  xls: {
    is: "an old Excel 97-2003 workbook (.xls)",
    todo: `open it in Excel and use Arquivo › Salvar como › "Pasta de Trabalho do Excel (.xlsx)" (${XLSX_IS_READ}) or "CSV UTF-8", then pass the new file`,
  },
  ods: {
    is: "an OpenDocument spreadsheet (LibreOffice .ods)",
    todo: `open it in LibreOffice and use Arquivo › Salvar como › "Excel 2007-365 (.xlsx)" (${XLSX_IS_READ}), then pass the new file`,
  },
  numbers: {
    is: "an Apple Numbers spreadsheet (.numbers)",
    todo: `open it in Numbers and use Arquivo › Exportar para › Excel (${XLSX_IS_READ}), then pass the .xlsx it writes`,
  },
};

/** The source as a whole: the file, its format, its header. */
export const sourceEn = {
  "source.stdin": "standard input",
  "source.kind.csv": "a CSV file",
  "source.kind.xlsx": "an Excel workbook",
  "source.isDirectory": (p: { label: string; kind: string }) => `Source ${p.label} is a directory, not ${p.kind}.`,
  "source.notFound": (p: { label: string; absolute: string | undefined }) =>
    `Source file not found: ${p.label}${p.absolute !== undefined ? ` (looked in ${p.absolute})` : ""}. Check the name and folder.`,
  "source.unreadable": (p: { label: string; message: string }) => `Could not read ${p.label}: ${p.message}`,
  "source.empty": (p: { label: string }) => `${p.label} is empty: expected a header row and data rows.`,
  "source.tooFewRows": (p: { label: string; rows: number; headerRow: number }) =>
    `${p.label} has ${p.rows} row${p.rows === 1 ? "" : "s"}, so there is no header on row ${p.headerRow} (--header-row ${p.headerRow}).`,
  "source.titleRow": (p: { label: string; row: number; title: string; tableRow: number; columns: number }) =>
    `${p.label}: row ${p.row} looks like a title ("${p.title}"), not column names — row ${p.tableRow} has ${p.columns} ` +
    `filled columns. If the column names are on row ${p.tableRow}, pass --header-row ${p.tableRow} ` +
    `(rows above it are ignored); if row ${p.row} really is the header, pass --header-row ${p.row}.`,
  "source.noHeader": (p: { label: string; row: number }) =>
    `${p.label} has no header: row ${p.row} must hold the column names.`,
  "source.column": (p: { n: number; letter: string }) => `column ${p.n} (${p.letter})`,
  "source.headerElsewhere":
    " If the column names are on another row (row 1 in a results or errors file this tool wrote), pass that row with --header-row, or leave --header-row out for row 1.",
  "source.headerNoName": (p: { label: string; column: string; cell: string; row: number; elsewhere: string }) =>
    `${p.label}: header ${p.column} has no name (cell ${p.cell}). Give every column a name in row ${p.row}, or delete the empty column.${p.elsewhere}`,
  "source.headerTwice": (p: {
    label: string;
    name: string;
    first: string;
    second: string;
    firstCell: string;
    secondCell: string;
    elsewhere: string;
  }) =>
    `${p.label}: header "${p.name}" appears twice, in ${p.first} and ${p.second} (cells ${p.firstCell} and ${p.secondCell}). Rename one of them.${p.elsewhere}`,
  "source.headerRowInvalid": (p: { value: string }) =>
    `Invalid header row ${p.value}: use the spreadsheet row number of the column names (1, 2, 3…).`,
  "source.delimiterInvalid": (p: { value: string }) =>
    `Invalid delimiter ${p.value}: use one character such as ";" or ",", or "tab".`,
  "source.encodingUnknown": (p: { name: string }) =>
    `Unknown encoding "${p.name}". Use utf-8, windows-1252 (Excel), utf-16 (Excel "Unicode text"), latin1, or another name iconv-lite knows.`,
  "source.csvSyntax": (p: { label: string; line: string; what: string }) =>
    `${p.label}: CSV syntax error near line ${p.line}: ${p.what}`,
  "source.csvUnclosed": (p: { row: number | undefined }) =>
    `a quoted value${p.row !== undefined ? ` that starts in row ${p.row}` : ""} is never closed (a missing " ?)`,
  "source.csvTooLong": (p: { row: number | undefined; mb: number; max: number }) =>
    `the row${p.row !== undefined ? ` that starts in row ${p.row}` : ""} is longer than ${p.mb} MB (${p.max} characters), the most this tool reads as ` +
    `one row; Excel itself keeps at most 32 767 characters in a cell. A quote that is never closed (a missing " ?) ` +
    `or a file that is not a CSV does this; if a cell really holds that much text, shorten or empty it (or delete ` +
    `its column) and run again`,
  "source.notText": (p: { label: string; looksLike: string; todo: string }) =>
    `${p.label} is not a CSV text file: it looks like ${p.looksLike}. To sync it, ${p.todo}.`,
  "source.notText.looksLike": (p: { kind: NotTextKind }) => NOT_TEXT[p.kind].looksLike,
  "source.notText.todo": (p: { kind: NotTextKind; order: string | undefined }) =>
    NOT_TEXT[p.kind].todo(p.order ?? "utf-16le"),
  "source.otherSpreadsheet": (p: { label: string; is: string; todo: string }) =>
    `${p.label} is ${p.is}, a format this tool does not read. To sync it, ${p.todo}.`,
  "source.other.is": (p: { kind: OtherSpreadsheetKind }) => OTHER[p.kind].is,
  "source.other.todo": (p: { kind: OtherSpreadsheetKind }) => OTHER[p.kind].todo,
  "xlsx.empty": (p: { label: string }) => `${p.label} is empty (0 bytes): expected an Excel workbook.`,
  "xlsx.ods": (p: { label: string }) =>
    `${p.label} is an OpenDocument spreadsheet (LibreOffice .ods), not an Excel workbook. Open it in LibreOffice or Excel and save it as "Excel 2007-365 (.xlsx)" or CSV.`,
  "xlsx.emptyZip": (p: { label: string }) => `${p.label} is an empty zip archive, not an Excel workbook.`,
  "xlsx.encrypted": (p: { label: string }) =>
    `${p.label} is protected with a password, so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear the box), save, and try again — or save a copy as CSV.`,
  "xlsx.xls": (p: { label: string }) =>
    `${p.label} is an old Excel 97-2003 workbook (.xls), which is not supported. ${SAVE_AS}`,
  "xlsx.pdf": (p: { label: string }) => `${p.label} is a PDF, not an Excel workbook. Export the data as .xlsx or CSV.`,
  "xlsx.html": (p: { label: string }) =>
    `${p.label} is an HTML/XML file with a spreadsheet name (many systems "export to Excel" this way), not a real workbook. ${SAVE_AS}`,
  "xlsx.text": (p: { label: string }) =>
    `${p.label} is a text file (a CSV?), not an Excel workbook. If it is a CSV, rename it to .csv and run again.`,
  "xlsx.notXlsx": (p: { label: string }) => `${p.label} is not an Excel workbook (.xlsx). ${SAVE_AS}`,
  "xlsx.uncalculated": (p: { label: string; column: string }) =>
    `${p.label}: column "${p.column}" has formulas with no saved result, so those cells are read as empty. ` +
    "The file was written by a program that does not calculate formulas (openpyxl, pandas…): open it in Excel or " +
    "LibreOffice, save it (that stores the results), and run again.",
  "xlsx.cellTooLong": (p: { label: string; row: number | undefined; mb: number; max: number }) =>
    `${p.label}: ${p.row !== undefined ? `row ${p.row} has a cell` : "a cell holds a text"} longer than ${p.mb} MB (${p.max} characters), the most this tool reads in one cell; Excel ` +
    `itself keeps at most 32 767 characters in a cell. Open the workbook, shorten or empty that cell (or delete its ` +
    `column), save it, and run again.`,
  "xlsx.worksheet": (p: { label: string; name: string }) => `${p.label} (worksheet "${p.name}")`,
  "xlsx.headerRowEmpty": (p: { where: string; row: number }) =>
    `${p.where}: row ${p.row} (the header row) is empty. Check --header-row: it must be the row that names the columns.`,
  "xlsx.unreadable": (p: { label: string; message: string }) =>
    `${p.label} could not be read as an Excel workbook (${p.message}). The file may be damaged or incomplete: open it in Excel, save it again, and retry.`,
  "xlsx.sheetNotFound": (p: { label: string; wanted: string; names: readonly string[] }) =>
    `${p.label} has no worksheet named "${p.wanted}". Its worksheets are: ${p.names.map((n) => `"${n}"`).join(", ")}. Pass one of them with --sheet.`,
  "xlsx.zipNotWorkbook": (p: { label: string }) =>
    `${p.label} is a zip archive but not an Excel workbook (no workbook inside). Is it a .docx or .zip renamed? Open the data in Excel and save it as .xlsx.`,
  "xlsx.sheetUnreadable": (p: { label: string; target: string }) =>
    `${p.label} lists a worksheet "${p.target}", but no rows of it could be read: it is empty, or the workbook's structure could not be read (it was probably saved by a program other than Excel). Check it in Excel, save it again (Arquivo › Salvar), and retry.`,
  "xlsx.noRows": (p: { label: string }) =>
    `${p.label} has no worksheet with rows: expected a header row and data rows.`,
  "sheets.label.tabHeader": (p: { tab: string }) => `Tab "${p.tab}"`,
  "sheets.noTab": (p: { id: string; wanted: string; names: string }) =>
    `Spreadsheet ${p.id} has no tab "${p.wanted}". Its tabs: ${p.names}.`,
  "sheets.noGid": (p: { id: string; gid: number; names: string }) =>
    `Spreadsheet ${p.id} has no tab with gid=${p.gid} (was it deleted?). Its tabs: ${p.names}.`,
  "sheets.noTabs": (p: { id: string }) => `Spreadsheet ${p.id} has no tabs to read.`,
} satisfies Record<string, Entry>;
