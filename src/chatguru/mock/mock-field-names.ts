/**
 * The fake account's custom fields, as ChatGuru's custom field manager shows their API
 * names. The mock is configured by these names and NEVER through the client's own naming function
 * (chatguru/field-names.ts): otherwise a wrong naming rule in the client could never fail a test.
 *
 * A panel name given to the mock (the `--fields` flag, a test) is turned into its API name by the table below first,
 * then by this file's own reading of the rule (`|` → `__`, spaces → `_`, accents removed). It is written
 * separately from the client on purpose; the tests pin both against the table.
 */
export const FIELD_MANAGER_NAMES: Readonly<Record<string, string>> = {
  Email: "field__Email",
  "CRM | Link negócio": "field__CRM__Link_negocio",
  Origem: "field__Origem",
  Cidade_UF: "field__Cidade_UF",
  Etapa: "field__Etapa",
  "Etapa do funil": "field__Etapa_do_funil",
  Empresa: "field__Empresa",
  "Informação  extra": "field__Informacao_extra",
  "Plano 2024 | Valor R$": "field__Plano_2024__Valor_R$",
  "Situação | Cliente | Ação": "field__Situacao__Cliente__Acao",
  "Código 1": "field__Codigo_1",
};

const ACCENTS: Readonly<Record<string, string>> = {
  á: "a",
  à: "a",
  â: "a",
  ã: "a",
  ä: "a",
  é: "e",
  ê: "e",
  è: "e",
  ë: "e",
  í: "i",
  î: "i",
  ì: "i",
  ï: "i",
  ó: "o",
  ô: "o",
  õ: "o",
  ò: "o",
  ö: "o",
  ú: "u",
  û: "u",
  ù: "u",
  ü: "u",
  ç: "c",
  ñ: "n",
};

/** A configured name as the mock stores it: an API name as is, a panel name through the table or the rule. */
export function mockFieldApiName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith("field__")) return trimmed;
  const listed = FIELD_MANAGER_NAMES[trimmed];
  if (listed !== undefined) return listed;
  let body = "";
  for (const ch of trimmed) {
    const lower = ch.toLowerCase();
    const plain = ACCENTS[lower];
    body += plain === undefined ? ch : ch === lower ? plain : plain.toUpperCase();
  }
  body = body
    .split("|")
    .map((part) => part.trim().split(/\s+/).join("_"))
    .join("__");
  return `field__${body}`;
}
