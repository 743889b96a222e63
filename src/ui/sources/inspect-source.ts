import { normalizePhone } from "../../mapping/phone.js";
import { describeRead } from "../../sources/read-notice.js";
import { isOpenedSheetsSource, type OpenedSource, type Source } from "../../sources/source.js";
import type { SourceRow } from "../../core/source-row.js";

/** Rows shown as they are read; enough to recognise the file. */
export const SAMPLE_ROWS = 10;
const SAMPLES_PER_COLUMN = 3;

export interface ColumnStats {
  name: string;
  filled: number;
  empty: number;
  /** Non-empty cells read as a WhatsApp number (default country Brazil, as the mapping's default). */
  phones: { valid: number; invalid: number };
  samples: string[];
}

/** How the file was read (detected or chosen), in the CLI's words too. */
export interface ReadFacts {
  encoding?: string;
  delimiter?: string;
  headerRow?: number;
  sheet?: string;
  bom?: boolean;
  sepLine?: boolean;
  description?: string;
}

export interface Inspection {
  read: ReadFacts;
  header: string[];
  rowCount: number;
  sample: SourceRow[];
  columns: ColumnStats[];
  /** Sheets: the tab read (the source's name). */
  sheetTitle?: string;
}

/** A cell is worth asking libphonenumber about only when it has the digits of a phone number. */
function looksDialable(cell: string): boolean {
  let digits = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 8 && digits <= 16;
}

class ColumnTally {
  readonly stats: ColumnStats;
  readonly #seen = new Set<string>();

  constructor(name: string) {
    this.stats = { name, filled: 0, empty: 0, phones: { valid: 0, invalid: 0 }, samples: [] };
  }

  add(raw: string | undefined): void {
    const cell = raw?.trim() ?? "";
    if (cell === "") {
      this.stats.empty++;
      return;
    }
    this.stats.filled++;
    if (looksDialable(cell) && normalizePhone(cell).ok) this.stats.phones.valid++;
    else this.stats.phones.invalid++;
    if (this.stats.samples.length < SAMPLES_PER_COLUMN && !this.#seen.has(cell)) {
      this.#seen.add(cell);
      this.stats.samples.push(cell);
    }
  }
}

function readFacts(source: Source, opened: OpenedSource): ReadFacts {
  const format = opened.format;
  const description = describeRead(source.label, opened);
  return {
    ...(format
      ? {
          encoding: format.encoding,
          delimiter: format.delimiter,
          ...(format.headerRow !== undefined ? { headerRow: format.headerRow } : {}),
          ...(format.bom !== undefined ? { bom: format.bom } : {}),
          ...(format.sepLine !== undefined ? { sepLine: format.sepLine } : {}),
        }
      : {}),
    ...(opened.worksheet ? { sheet: opened.worksheet.name, headerRow: opened.worksheet.headerRow } : {}),
    ...(isOpenedSheetsSource(opened) ? { sheet: opened.sheetTitle, headerRow: 1 } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/**
 * Reads the whole source once, as `validate` would, counting per column what the Colunas page shows: filled and empty
 * cells, how many read as phone numbers, a few sample values. Memory stays flat: only counters and the first rows.
 */
export async function inspectSource(source: Source): Promise<Inspection> {
  const opened = await source.open();
  try {
    const tallies = opened.headers.map((name) => new ColumnTally(name));
    const sample: SourceRow[] = [];
    let rowCount = 0;
    for await (const row of opened.rows) {
      rowCount++;
      if (sample.length < SAMPLE_ROWS) sample.push({ rowNumber: row.rowNumber, values: row.values });
      for (const tally of tallies) tally.add(row.values[tally.stats.name]);
    }
    return {
      read: readFacts(source, opened),
      header: opened.headers,
      rowCount,
      sample,
      columns: tallies.map((t) => t.stats),
      ...(isOpenedSheetsSource(opened) ? { sheetTitle: opened.sheetTitle } : {}),
    };
  } finally {
    await opened.close();
  }
}

/** One page of rows, read from the start (a page never holds the file). */
export async function readRows(
  source: Source,
  offset: number,
  limit: number,
): Promise<{ total: number; rows: SourceRow[] }> {
  const opened = await source.open();
  const rows: SourceRow[] = [];
  let total = 0;
  try {
    for await (const row of opened.rows) {
      if (total >= offset && rows.length < limit) rows.push({ rowNumber: row.rowNumber, values: row.values });
      total++;
    }
  } finally {
    await opened.close();
  }
  return { total, rows };
}
