/**
 * The shape of the message catalog. English (en.ts) is the reference: every other language is a Translation of it,
 * so a key missing in pt-BR, or a message taking other parameters, fails the typecheck.
 *
 * An entry is a plain string, or a function of ONE parameters object returning the text (plurals, numbers and word
 * order are the language's business, so each language writes its own function).
 */
export type Entry = string | ((params: never) => string);

/** A language's version of a group of English entries: the same keys, each taking the same parameters. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K];
};
