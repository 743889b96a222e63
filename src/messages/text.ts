import type { Text } from "../core/text.js";
import type { en } from "./en.js";

export { isText, type Text, type TextParam } from "../core/text.js";

type En = typeof en;

/** Every key of the catalog. */
export type MessageKey = keyof En & string;

/** The parameters a key's message takes (`never` for a plain string). */
export type ParamsOf<K extends MessageKey> = En[K] extends (params: infer P) => string ? P : never;

/** A text-valued parameter may itself be a Text, rendered in the same language first (a hint inside a message). */
type Loose<V> = [V] extends [string]
  ? V | Text
  : [V] extends [string | undefined]
    ? V | Text
    : V extends readonly string[]
      ? ReadonlyArray<string | Text>
      : V;
type LooseParams<P> = { [F in keyof P]: Loose<P[F]> };

/** What `text(key, …)` takes as parameters for a key: its message's, where a string may be a Text. */
export type TextInput<K extends MessageKey> = LooseParams<ParamsOf<K>>;

/** `text("source.notFound", { path })` — typed: the key must exist and the parameters must match its message. */
export function text<K extends MessageKey>(
  key: K,
  ...params: [ParamsOf<K>] extends [never] ? [] : [LooseParams<ParamsOf<K>>]
): Text {
  return params.length === 0 ? { key } : { key, params: params[0] as Text["params"] };
}
