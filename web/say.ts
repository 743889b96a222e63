// The pages' words come from the one message catalog the CLI speaks (src/messages/, compiled beside the pages by
// web/tsconfig.json). The app is for Brazilian sales-ops people, so the pages speak pt-BR, as the server does
// (src/ui/ui-language.ts); the catalog has every one of these words in English too.
import { hasMessage, roughDuration, speaker, type Language, type MessageKey } from "../src/messages/index.js";

export const PAGE_LANGUAGE: Language = "pt-BR";

const pages = speaker(PAGE_LANGUAGE);

/** `t("ui.review.title")`: a catalog message in the pages' language, typed by key and parameters. */
export const t = pages.t;
/** A Text the server sent (a row problem), said in the pages' language. */
export const say = pages.say;

/**
 * A word for a value the server names (a plan status, a ChatGuru action, an encoding): `prefix + value` from the
 * catalog, or `undefined` for a value newer than these pages.
 */
export function known(prefix: string, value: string): string | undefined {
  const key = `${prefix}${value}` as MessageKey;
  return hasMessage(PAGE_LANGUAGE, key) ? pages.say({ key }) : undefined;
}

/** `cerca de 2 min`: an estimate in the CLI's rounding (`45 s`, `2 min`, `1 h 05 min`). */
export function aboutDuration(seconds: number): string {
  return t("ui.duration.about", { duration: roughDuration(Math.max(0, seconds)) });
}
