/**
 * Numbers, decimals and plurals in Brazilian Portuguese. Intl does the separators ("10.000", "6,7"); plurals are
 * written by hand for zero because Intl.PluralRules("pt-BR").select(0) is "one" ("0 linha" is wrong: it is
 * "nenhuma linha").
 */

const whole = new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 0 });
const rules = new Intl.PluralRules("pt-BR");

/** `10.000`: a count, grouped. Row numbers and ids are not counts: write them as they are. */
export function num(n: number): string {
  return whole.format(n);
}

/** `6,7` — a decimal with exactly `digits` places. */
export function decimal(n: number, digits = 1): string {
  return new Intl.NumberFormat("pt-BR", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** The forms of a counted noun: `nenhuma linha` / `1 linha` / `2 linhas`. */
export interface Noun {
  zero: string;
  one: string;
  other: string;
}

/** `nenhuma linha`, `1 linha`, `1.234 linhas`. */
export function count(n: number, noun: Noun): string {
  if (n === 0) return noun.zero;
  return `${num(n)} ${rules.select(n) === "one" ? noun.one : noun.other}`;
}

/** The word alone, agreeing with n (`linha`/`linhas`), for phrases where the number is written elsewhere. */
export function word(n: number, noun: Pick<Noun, "one" | "other">): string {
  return n !== 0 && rules.select(n) === "one" ? noun.one : noun.other;
}

/** `a, b e c` — a list as Portuguese writes it. */
export function list(items: readonly string[]): string {
  return new Intl.ListFormat("pt-BR", { style: "long", type: "conjunction" }).format(items);
}

export const LINHA: Noun = { zero: "nenhuma linha", one: "linha", other: "linhas" };
export const REQUISICAO: Noun = { zero: "nenhuma requisição", one: "requisição", other: "requisições" };
export const MENSAGEM: Noun = { zero: "nenhuma mensagem", one: "mensagem", other: "mensagens" };
export const COLUNA: Noun = { zero: "nenhuma coluna", one: "coluna", other: "colunas" };
export const CONTATO: Noun = { zero: "nenhum contato", one: "contato", other: "contatos" };
export const CHAT: Noun = { zero: "nenhum chat", one: "chat", other: "chats" };
