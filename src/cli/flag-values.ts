import { UsageError } from "../errors.js";
import { text } from "../messages/text.js";

/** `--flag was given twice: 2 and abc.` — yargs would silently join the values into `2,abc`. */
function givenTwice(flag: string, values: unknown[]): UsageError {
  const shown = values.map((v) => String(v));
  return new UsageError(text("cli.givenTwice", { flag, values: shown }), { code: "USAGE_FLAG_INVALID" });
}

/**
 * Throws for the first flag given more than once (yargs keeps every value in an array). `repeatable` lists the flags
 * declared as lists (`call --param`); camelCase keys are yargs' copies of the dashed ones.
 */
export function rejectRepeatedFlags(args: Record<string, unknown>, repeatable: readonly string[]): void {
  for (const [key, value] of Object.entries(args)) {
    if (key === "_" || /[A-Z]/.test(key) || repeatable.includes(key)) continue;
    if (Array.isArray(value)) throw givenTwice(key, value);
  }
}

/**
 * A text flag as typed, or undefined when absent. Given without a value it is a usage error, not silently ignored: an
 * unquoted `--delimiter ;` is cut by the shell at the `;` and would otherwise read the file with a guessed delimiter.
 */
export function textFlag(args: Record<string, unknown>, flag: string): string | undefined {
  const value = args[flag];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw givenTwice(flag, value);
  const typed = typeof value === "boolean" ? "" : String(value);
  if (typed.trim() === "" && !(flag === "delimiter" && typed === "\t")) {
    throw new UsageError(text("cli.flagNoValue", { flag }), { code: "USAGE_FLAG_INVALID" });
  }
  return typed;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * A numeric flag as typed: a number when the text reads as one, else the text itself, so the range check that
 * follows quotes what was typed ("abc", "2,5") instead of NaN. The flags are declared without a yargs type and
 * without a yargs default for that reason: a `number` type turns "abc" into NaN, and a default silently fills a
 * flag given without its value. Missing and repeated values are usage errors naming the flag.
 */
export function numberFlag(args: Record<string, unknown>, flag: string): number | string | undefined {
  const value = args[flag];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw givenTwice(flag, value);
  // yargs gives `true` for a bare untyped flag, `false` for --no-<flag> and "" for --flag=.
  if (typeof value === "boolean" || (typeof value === "string" && value.trim() === "")) {
    throw new UsageError(text("cli.numberFlagNoValue", { flag }), { code: "USAGE_FLAG_INVALID" });
  }
  if (typeof value === "number") return value;
  const typed = String(value).trim();
  return DECIMAL.test(typed) ? Number(typed) : typed;
}
