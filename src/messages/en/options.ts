import type { Entry } from "../catalog.js";

/** A flag's value rejected in plain words (options.ts check() with the CLI's flag names). */
export const optionsEn = {
  "opt.flagMust": (p: { flag: string; rule: string; got: string }) => `${p.flag} must be ${p.rule}, got ${p.got}.`,
  "opt.typed": (p: { text: string }) => `"${p.text}"`,
  "opt.typedComma": (p: { text: string; dotted: string }) => `"${p.text}": use a dot: ${p.dotted}`,
  "opt.rule.integerFrom": (p: { min: number }) => `a whole number from ${p.min} up`,
  "opt.rule.numberFrom": (p: { min: number; seconds: boolean }) =>
    `a number${p.seconds ? " of seconds" : ""} from ${p.min} up`,
  "opt.rule.numberAbove": (p: { min: number; seconds: boolean }) =>
    `a number${p.seconds ? " of seconds" : ""} above ${p.min}`,
  "opt.rule.rate": "a number from 0 up (0 = no cap)",
  "opt.rule.boolean": "true or false",
  "opt.rule.rows": "row numbers such as 5,12,20-25",
  "opt.rule.oneOf": (p: { values: readonly string[] }) => `one of ${p.values.join(", ")}`,
  "opt.rule.source": "a file, - or a Google Sheets URL",
  "opt.rule.mapping": "a mapping file",
  "opt.retryFailedWithStatus": "--retry-failed cannot be combined with status (pending rows only).",
} satisfies Record<string, Entry>;
