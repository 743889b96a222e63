/**
 * The languages the tool speaks. English is the default: a machine with no locale (cron, CI, containers) or any other
 * locale gets English; Brazilian Portuguese is chosen by the locale or by `--lang pt-BR`.
 */
export const LANGUAGES = ["en", "pt-BR"] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "en";

/**
 * A language as a person types it (`--lang pt-BR`, `pt_BR`, `pt-br`, `pt`, `en`, `en_US`…), or undefined when it is
 * none of ours. Portugal's `pt_PT` is not Brazilian Portuguese: it is refused here rather than silently mapped.
 */
export function parseLanguage(value: string): Language | undefined {
  const tag = value.trim().toLowerCase().replace(/_/g, "-");
  if (tag === "pt" || tag === "pt-br") return "pt-BR";
  if (tag === "en" || tag.startsWith("en-")) return "en";
  return undefined;
}

/**
 * The language of the messages from the locale variables, as POSIX resolves LC_MESSAGES: LC_ALL wins, then
 * LC_MESSAGES, then LANG; an empty variable counts as unset. `pt_BR`, `pt_BR.UTF-8`, `pt_BR@euro`… mean Brazilian
 * Portuguese; anything else (C, POSIX, en_US.UTF-8, pt_PT) means English.
 */
export function languageFromLocale(env: Readonly<Record<string, string | undefined>>): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "");
  return locale !== undefined && /^pt[_-]BR(?:[.@]|$)/i.test(locale) ? "pt-BR" : DEFAULT_LANGUAGE;
}
