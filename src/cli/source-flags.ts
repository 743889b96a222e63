import { check, rules } from "../options.js";
import { numberFlag, textFlag } from "./flag-values.js";
import { CLI_NAMING } from "./naming.js";
import type { Speaker } from "../messages/translate.js";

/** The flags that say how to read a source, shared by sync, status, validate and init. */
export const sourceFormatOptions = (sp: Speaker) =>
  ({
    sheet: { type: "string", describe: sp.t("help.opt.sheet") },
    "header-row": {
      // Untyped: numberFlag() reads it and a bad value is quoted as typed, not as NaN.
      describe: sp.t("help.opt.headerRow"),
    },
    delimiter: { type: "string", describe: sp.t("help.opt.delimiter") },
    encoding: { type: "string", describe: sp.t("help.opt.encoding") },
  }) as const;

export interface CliSourceFlags {
  delimiter?: string | undefined;
  encoding?: string | undefined;
  sheet?: string | undefined;
  headerRow?: number | undefined;
}

/** The source flags, checked: `--header-row` must be a whole number from 1 (UsageError, exit 2). */
export function readSourceFlags(args: Record<string, unknown>): CliSourceFlags {
  const headerRow = numberFlag(args, "header-row");
  const [delimiter, encoding, sheet] = [
    textFlag(args, "delimiter"),
    textFlag(args, "encoding"),
    textFlag(args, "sheet"),
  ];
  return {
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
    ...(sheet !== undefined ? { sheet } : {}),
    ...(headerRow !== undefined
      ? { headerRow: check<number>("headerRow", headerRow, rules.integerFrom(1), CLI_NAMING) }
      : {}),
  };
}
