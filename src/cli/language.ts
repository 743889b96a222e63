import { UsageError } from "../errors.js";
import { languageFromLocale, parseLanguage, type Language } from "../messages/language.js";
import { text } from "../messages/text.js";
import { en } from "../messages/en.js";
import type { Speaker } from "../messages/translate.js";

/**
 * The language of this run: `--lang` when given (it wins, so a script can pin it), else the locale (LC_ALL >
 * LC_MESSAGES > LANG, as POSIX resolves LC_MESSAGES). Read from argv before yargs, because the help yargs prints is
 * itself in that language.
 */
export function languageOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Language {
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at < 0) return languageFromLocale(env);
  const arg = argv[at]!;
  const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (argv[at + 1] ?? "");
  const language = parseLanguage(value);
  if (language === undefined) throw new UsageError(text("cli.langInvalid", { value }), { code: "USAGE_FLAG_INVALID" });
  return language;
}

/** yargs' own words ("Options:", "[required]", "Unknown argument: %s") in the run's language, for updateStrings(). */
export function yargsStrings(sp: Speaker): Record<string, string | { one: string; other: string }> {
  const strings: Record<string, string | { one: string; other: string }> = {};
  for (const key of Object.keys(en)) {
    if (!key.startsWith("yargs.")) continue;
    const said = sp.say({ key });
    const plural = /\.(one|other)$/.exec(key);
    if (!plural) {
      strings[key.slice("yargs.".length)] = said;
      continue;
    }
    const name = key.slice("yargs.".length, -plural[0].length);
    const forms = (strings[name] as { one: string; other: string } | undefined) ?? { one: said, other: said };
    forms[plural[1] as "one" | "other"] = said;
    strings[name] = forms;
  }
  return strings;
}
