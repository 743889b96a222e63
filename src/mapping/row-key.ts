import type { LoadedMapping } from "./load-mapping.js";
import { normalizePhone, type CountryCode } from "./phone.js";

/**
 * The row key exactly as apply-mapping derives it, from the raw key cell alone: the canonical phone when the key is
 * the phone column, else the trimmed cell. Used to find a row again (Sheets write-back) and to number the rows that
 * share a key even when the row is otherwise invalid.
 */
export function keyOfCell(mapping: LoadedMapping): (cell: string) => string | undefined {
  const phoneColumn = mapping.phone.column;
  if (mapping.key !== undefined && mapping.key !== phoneColumn) return (cell) => cell.trim() || undefined;
  const country = mapping.phone.default_country as CountryCode;
  return (cell) => {
    const phone = normalizePhone(cell, country);
    return phone.ok ? phone.phone.canonical : undefined;
  };
}

/** The column holding the row key. */
export function keyColumnOf(mapping: LoadedMapping): string {
  return mapping.key ?? mapping.phone.column;
}
