import type { Translation } from "../catalog.js";
import type { commonEn } from "../en/common.js";

export const commonPt: Translation<typeof commonEn> = {
  raw: (p) => p.text,
  problem: (p) => {
    const where = [
      p.row !== undefined ? `Linha ${p.row}` : undefined,
      p.column !== undefined ? `coluna "${p.column}"` : undefined,
    ].filter((part): part is string => part !== undefined);
    return `${p.code !== undefined ? `${p.code}: ` : ""}${where.length > 0 ? `${where.join(", ")}: ` : ""}${p.message}`;
  },
  problemList: (p) => p.problems.join("; "),
  withHint: (p) => (p.message.includes(p.hint) ? p.message : `${p.message.replace(/\.\s*$/, "")} — ${p.hint}.`),
  joined: (p) => `${p.first}${p.separator}${p.second}`,
  "prefix.error": (p) => `erro: ${p.message}`,
  "prefix.warning": (p) => `aviso: ${p.message}`,
};
