/**
 * A message not yet put into words: a catalog key (messages/) and its parameters. Errors, row problems and events
 * carry one beside their English `message`, so the CLI and the web app can say it in the person's language. Plain
 * data (JSON-safe, no closure), defined here so every layer can carry one; only messages/ knows the words.
 */
export interface Text {
  readonly key: string;
  readonly params?: Readonly<Record<string, TextParam>>;
}

/** A parameter: a value, or another Text said in the same language first (a hint inside a message). */
export type TextParam = string | number | boolean | undefined | Text | ReadonlyArray<string | Text>;

export function isText(value: unknown): value is Text {
  return typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";
}

/**
 * Attaches a Text to a value that already says it in English (`message`), out of sight of JSON.stringify and deep
 * equality: a row problem or a report keeps the exact shape `--json` and library users know, and a renderer that
 * wants the person's language finds `value.text`.
 */
export function attachText<T extends object>(value: T, said: Text): T & { readonly text: Text } {
  return Object.defineProperty(value, "text", { value: said, enumerable: false, configurable: true }) as T & {
    readonly text: Text;
  };
}
