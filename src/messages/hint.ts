import type { ErrorCode } from "../core/error-codes.js";
import { en } from "./en.js";
import type { Language } from "./language.js";
import { say } from "./translate.js";
import { isText, text, type Text, type TextParam } from "./text.js";

/** The hint for a code, or undefined when the message alone says what to do. */
export function hintFor(code: ErrorCode | string): Text | undefined {
  const key = `hint.${code}`;
  return Object.hasOwn(en, key) ? { key } : undefined;
}

/**
 * `message — hint.` (the message's own final period dropped), in whichever language the Text is said. The message
 * unchanged when the code has no hint or the message already carries it (a row's failure wraps the ChatGuru error
 * that already said what to do).
 */
export function withHint(message: Text, code: ErrorCode | string): Text {
  const hint = hintFor(code);
  if (hint === undefined || carries(message, hint.key)) return message;
  return text("withHint", { message, hint });
}

/**
 * A message without its hint: a row that failed on the setting that stopped the run says what happened; the run's
 * error says the advice once.
 */
export function withoutHint(message: Text): Text {
  if (message.key === "withHint" && isText(message.params?.message)) return withoutHint(message.params.message);
  if (message.params === undefined) return message;
  const params: Record<string, TextParam> = {};
  for (const [name, value] of Object.entries(message.params)) {
    params[name] = isText(value)
      ? withoutHint(value)
      : Array.isArray(value)
        ? value.map((item: string | Text) => (isText(item) ? withoutHint(item) : item))
        : value;
  }
  return { key: message.key, params };
}

function carries(message: Text, hintKey: string): boolean {
  if (message.key === hintKey) return true;
  return Object.values(message.params ?? {}).some((value) =>
    isText(value)
      ? carries(value, hintKey)
      : Array.isArray(value) && value.some((item: unknown) => isText(item) && carries(item, hintKey)),
  );
}

/** The hint for a code in words, English unless told otherwise. */
export function hintWords(code: ErrorCode | string, language: Language = "en"): string | undefined {
  const hint = hintFor(code);
  return hint === undefined ? undefined : say(language, hint);
}

/** Every hint in English, by code. */
export const ERROR_HINTS: Readonly<Partial<Record<ErrorCode, string>>> = Object.fromEntries(
  Object.entries(en)
    .filter(([key]) => key.startsWith("hint."))
    .map(([key, value]) => [key.slice("hint.".length), value as string]),
);
