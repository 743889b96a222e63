import type { Translation } from "../catalog.js";
import type { optionsEn } from "../en/options.js";
import { list } from "../format-pt.js";

export const optionsPt: Translation<typeof optionsEn> = {
  "opt.flagMust": (p) => `${p.flag} precisa ser ${p.rule}, veio ${p.got}.`,
  "opt.typed": (p) => `"${p.text}"`,
  "opt.typedComma": (p) => `"${p.text}": use ponto: ${p.dotted}`,
  "opt.rule.integerFrom": (p) => `um número inteiro a partir de ${p.min}`,
  "opt.rule.numberFrom": (p) => `um número${p.seconds ? " de segundos" : ""} a partir de ${p.min}`,
  "opt.rule.numberAbove": (p) => `um número${p.seconds ? " de segundos" : ""} maior que ${p.min}`,
  "opt.rule.rate": "um número a partir de 0 (0 = sem limite)",
  "opt.rule.boolean": "true ou false",
  "opt.rule.rows": "números de linha como 5,12,20-25",
  "opt.rule.oneOf": (p) => `um destes: ${list(p.values)}`,
  "opt.rule.source": "um arquivo, - ou um link do Google Sheets",
  "opt.rule.mapping": "um arquivo de mapeamento",
  "opt.retryFailedWithStatus": "--retry-failed não pode ser usada com status (só linhas pendentes).",
};
