import type { Language } from "../messages/language.js";
import { hasMessage, speaker, type Speaker } from "../messages/translate.js";
import type { MessageKey } from "../messages/text.js";

/**
 * The language the web app speaks: its server's answers, the words of its runs' results files, and (web/say.ts) its
 * pages. The app is for Brazilian sales-ops people, so it is pt-BR; the catalog has every one of these words in
 * English too.
 */
export const UI_LANGUAGE: Language = "pt-BR";

/** Catalog messages in the app's language: `ui.t("ui.server.notFound")`. */
export const ui: Speaker = speaker(UI_LANGUAGE);

/** The fix in plain words for a code the app's people meet often (`ui.fix.<CODE>`), when there is one. */
export function fixFor(code: string): string | undefined {
  const key = `ui.fix.${code}` as MessageKey;
  return hasMessage(UI_LANGUAGE, key) ? ui.say({ key }) : undefined;
}

/** `1,5 MB`: a size limit as the person's language writes it. */
export function megabytes(bytes: number): string {
  const mb = new Intl.NumberFormat(UI_LANGUAGE, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
  return `${mb} MB`;
}
