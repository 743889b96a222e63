import { en } from "./en.js";
import { DEFAULT_LANGUAGE, type Language } from "./language.js";
import { ptBR } from "./pt-BR.js";
import { attachText } from "../core/text.js";
import { isText, text, type MessageKey, type ParamsOf, type Text, type TextInput, type TextParam } from "./text.js";

/** A Text's English and the Text itself: what an error, problem or event carries (`message` + `text`). */
export function messageAndText(said: Text): { message: string; text: Text } {
  return { message: english(said), text: said };
}

type AnyEntry = string | ((params: Record<string, unknown>) => string);

const CATALOGS: Readonly<Record<Language, Readonly<Record<string, AnyEntry>>>> = {
  en: en as unknown as Record<string, AnyEntry>,
  "pt-BR": ptBR as unknown as Record<string, AnyEntry>,
};

/**
 * A Text in words, in `language`. Text parameters are said first in the same language. A key the catalog does not
 * have (a Text from a newer version) falls back to English, then to the key itself — never a crash while reporting.
 */
export function say(language: Language, message: Text | string): string {
  if (typeof message === "string") return message;
  const entry = CATALOGS[language][message.key] ?? CATALOGS[DEFAULT_LANGUAGE][message.key];
  if (entry === undefined) return message.key;
  if (typeof entry === "string") return entry;
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) params[name] = resolve(language, value);
  return entry(params);
}

function resolve(language: Language, value: TextParam): unknown {
  if (isText(value)) return say(language, value);
  if (Array.isArray(value)) return value.map((item: string | Text) => (isText(item) ? say(language, item) : item));
  return value;
}

/** The English words of a Text: what `.message` of a library error says, unchanged for library users. */
export function english(message: Text | string): string {
  return say("en", message);
}

/** A sayer bound to one language, for code that says many things (the CLI's renderers). */
export type Say = (message: Text | string) => string;

export function sayerFor(language: Language): Say {
  return (message) => say(language, message);
}

/** Whether the catalog has `key` in `language` (the completeness test). */
export function hasMessage(language: Language, key: MessageKey): boolean {
  return Object.hasOwn(CATALOGS[language], key);
}

/** Says catalog messages in one language: `t("summary.rows", { n: 3 })`, or a Text an error or event carries. */
export interface Speaker {
  readonly language: Language;
  /** A Text in this language; a plain string (from code that has no Text yet) as it is. */
  say(message: Text | string): string;
  t<K extends MessageKey>(key: K, ...params: [ParamsOf<K>] extends [never] ? [] : [TextInput<K>]): string;
}

export function speaker(language: Language): Speaker {
  return {
    language,
    say: (message) => say(language, message),
    t: (key, ...params) => say(language, (text as (k: string, ...p: unknown[]) => Text)(key, ...params)),
  };
}

export const ENGLISH: Speaker = speaker("en");

/**
 * `value` plus `message` (the English of `said`) and, not enumerable, `text` (core/text.ts attachText): a row
 * problem or a check's failure in the shape JSON output and library users already know.
 */
export function withMessage<T extends object>(value: T, said: Text): T & { message: string; readonly text: Text } {
  return attachText({ ...value, message: english(said) }, said);
}
