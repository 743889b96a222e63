import type { Translation } from "../catalog.js";
import type { readEn } from "../en/read.js";

export const readPt: Translation<typeof readEn> = {
  "read.worksheet": (p) => `lido ${p.label}, planilha "${p.name}", cabeçalho na linha ${p.headerRow}`,
  "read.text": (p) => {
    const delimiter = p.delimiter === "\t" ? "tabulação" : `"${p.delimiter}"`;
    const parts = [
      `lido ${p.label} como ${p.encoding}${p.bom ? " (com marca de ordem de bytes)" : ""}`,
      `separador ${delimiter}`,
      ...(p.headerRow !== undefined ? [`cabeçalho na linha ${p.headerRow}`] : []),
    ];
    return `${parts.join(", ")}${p.sepLine ? ` (uma linha "sep=${p.delimiter}" definiu o separador)` : ""}`;
  },
};
