/**
 * The message catalog, English and Brazilian Portuguese, shared by the CLI, the library's errors and the web app.
 * Browser-safe: nothing here imports node: modules or touches process (the language comes in as a value).
 */
export { en } from "./en.js";
export { ptBR } from "./pt-BR.js";
export type { Entry, Translation } from "./catalog.js";
export { DEFAULT_LANGUAGE, LANGUAGES, languageFromLocale, parseLanguage, type Language } from "./language.js";
export { isText, text, type MessageKey, type ParamsOf, type Text, type TextParam } from "./text.js";
export {
  ENGLISH,
  english,
  hasMessage,
  messageAndText,
  say,
  sayerFor,
  speaker,
  type Say,
  type Speaker,
} from "./translate.js";
export { hintFor, withHint, withoutHint } from "./hint.js";
export { roughDuration } from "./duration.js";
export { formatProblem, formatProblemCell, problemCellText, problemText, type ProblemParts } from "./problem.js";
