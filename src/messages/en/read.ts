import type { Entry } from "../catalog.js";

/** How a source was read, in one line (sources/read-notice.ts). */
export const readEn = {
  "read.worksheet": (p: { label: string; name: string; headerRow: number }) =>
    `read ${p.label}, worksheet "${p.name}", header on row ${p.headerRow}`,
  "read.text": (p: {
    label: string;
    encoding: string;
    bom: boolean;
    delimiter: string;
    headerRow: number | undefined;
    sepLine: boolean;
  }) => {
    const delimiter = p.delimiter === "\t" ? "tab" : `"${p.delimiter}"`;
    const parts = [
      `read ${p.label} as ${p.encoding}${p.bom ? " (with byte-order mark)" : ""}`,
      `delimiter ${delimiter}`,
      ...(p.headerRow !== undefined ? [`header on row ${p.headerRow}`] : []),
    ];
    return `${parts.join(", ")}${p.sepLine ? ` (a "sep=${p.delimiter}" line set the delimiter)` : ""}`;
  },
} satisfies Record<string, Entry>;
