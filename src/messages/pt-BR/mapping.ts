import type { Translation } from "../catalog.js";
import type { mappingEn, SyntaxErrorName } from "../en/mapping.js";
import { num } from "../format-pt.js";

const SYNTAX: Record<SyntaxErrorName, string> = {
  InvalidSymbol: "caractere inesperado",
  PropertyNameExpected: "esperava um nome de propriedade entre aspas duplas",
  ValueExpected: "esperava um valor",
  ColonExpected: 'esperava ":"',
  CommaExpected: 'esperava ","',
  CloseBraceExpected: 'esperava "}"',
  CloseBracketExpected: 'esperava "]"',
  EndOfFileExpected: "há conteúdo depois do fim do objeto",
  UnexpectedEndOfString: "texto sem aspas de fechamento",
  UnexpectedEndOfComment: "comentário /* sem fechamento",
  InvalidCommentToken: "comentário inválido",
};

const TYPES: Readonly<Record<string, string>> = {
  string: "um texto",
  number: "um número",
  boolean: "true ou false",
  object: "um objeto",
  array: "uma lista",
};

export const mappingPt: Translation<typeof mappingEn> = {
  "mapping.notFound": (p) => `Arquivo de mapeamento não encontrado: ${p.file}`,
  "mapping.unreadable": (p) => `Não foi possível ler o arquivo de mapeamento ${p.file}: ${p.message}`,
  "mapping.problems": (p) =>
    `O mapeamento ${p.file} tem ${p.count === 1 ? "1 problema" : `${num(p.count)} problemas`}:\n${p.lines.join("\n")}`,
  "mapping.problemAt": (p) => `${p.file}${p.line !== undefined ? `:${p.line}:${p.column}` : ""}: ${p.message}`,
  "mapping.syntax": (p) => `erro de sintaxe no JSON: ${p.what}`,
  "mapping.syntaxName": (p) => SYNTAX[p.name],
  "mapping.empty": "o arquivo está vazio; esperava um objeto JSON",
  "mapping.tooDeep": (p) =>
    `objetos e listas se aninham em mais de ${p.max} níveis aqui, e um mapeamento precisa de no máximo 4: este é mesmo o arquivo de mapeamento?`,
  "mapping.notObject": (p) => `o mapeamento precisa ser um objeto JSON, veio ${p.got}`,
  "mapping.duplicateKey": (p) => `a chave "${p.key}" aparece duas vezes no mesmo objeto`,
  "mapping.type.nothing": "nada",
  "mapping.type.null": "null",
  "mapping.type.array": "uma lista",
  "mapping.type.object": "um objeto",
  "mapping.type.string": (p) => `o texto ${p.json}`,
  "mapping.type.other": (p) => `${TYPES[p.type] ?? p.type} ${p.json}`,
  "mapping.a": (p) => TYPES[p.expected] ?? p.expected,
  "mapping.didYouMean": (p) => ` (você quis dizer "${p.suggestion}"?)`,
  "mapping.unknownKey": (p) => `chave desconhecida "${p.key}"${p.where !== undefined ? ` em ${p.where}` : ""}${p.hint}`,
  "mapping.oneOf": (p) => `${p.where} precisa ser um destes: ${p.options}; veio ${p.got}${p.hint}`,
  "mapping.required": (p) => `${p.where} é obrigatório`,
  "mapping.wrongType": (p) => `${p.where} precisa ser ${p.expected}, veio ${p.got}`,
  "mapping.notEmpty": (p) => `${p.where} não pode ficar vazio`,
  "mapping.other": (p) => `${p.where}: ${p.message}`,
  "mapping.phoneShape": (p) => `phone precisa ser o nome de uma coluna ou {"column", "default_country"}, veio ${p.got}`,
  "mapping.valueShape": (p) =>
    `${p.where} precisa ser o nome de uma coluna ou um objeto com "column", "value" ou "template"${p.got !== undefined ? `; veio ${p.got}` : ""}`,
  "mapping.onlyOne": (p) => `${p.where} tem ${p.kinds.map((k) => `"${k}"`).join(" e ")}: use só um deles`,
  "mapping.braces": (p) =>
    `${p.what} é o texto ${p.json}, que é lido como nome de coluna; ${p.fix}${p.typos.length > 0 ? ` — ${p.typos.join(", ")}` : ""}`,
  "mapping.braces.typo": (p) => `{{${p.name}}} não é uma coluna${p.hint}`,
  "mapping.braces.noBraces": (p) =>
    `escreva o nome da coluna sem as chaves${p.known !== undefined ? `: "${p.known}"` : ""}`,
  "mapping.braces.template": (p) => `para preencher com as células, escreva { "template": ${p.json} }`,
  "mapping.notInHeader": (p) => `${p.what} cita a coluna "${p.column}", que não está no cabeçalho da planilha${p.hint}`,
  "mapping.headerHas": (p) => ` (o cabeçalho tem ${p.listed || "nenhuma coluna"})`,
  "mapping.unknownCountry": (p) =>
    `phone.default_country "${p.country}" não é um código de país conhecido (por exemplo "BR", "PT", "US")`,
  "mapping.templateColumn": (p) =>
    `o modelo de ${p.what} usa {{${p.column}}}, que não é uma coluna do cabeçalho da planilha${p.hint}`,
  "mapping.unclosed": (p) => `o modelo de ${p.what} tem um "{{" sem fechamento`,
  "mapping.transform": (p) => `${p.what}: ${p.message}${p.hint}`,
  "mapping.transformsKnown": " (existem: trim, upper, lower, title, digits, date:DE->PARA)",
  "mapping.transform.unknown": (p) => `transformação desconhecida "${p.name}"`,
  "mapping.transform.noArrow": (p) =>
    `a transformação de data "${p.spec}" precisa de "->" entre o formato de entrada e o de saída, por exemplo "date:DD/MM/YYYY->YYYY-MM-DD"`,
  "mapping.transform.noInputTokens": (p) =>
    `transformação de data "${p.spec}": o formato de entrada "${p.from}" não tem partes de data (DD MM YYYY YY HH mm ss)`,
  "mapping.transform.repeats": (p) =>
    `transformação de data "${p.spec}": uma parte se repete no formato de entrada "${p.from}"`,
  "mapping.transform.noOutputTokens": (p) =>
    `transformação de data "${p.spec}": o formato de saída "${p.to}" não tem partes de data (DD MM YYYY YY HH mm ss)`,
  "mapping.transform.notInInput": (p) =>
    `transformação de data "${p.spec}": a parte ${p.token} da saída não está no formato de entrada "${p.from}"`,
  "mapping.at": (p) => `${p.where}: ${p.message}`,
  "mapping.sameField": (p) =>
    `os campos personalizados "${p.field}" e "${p.first}" são o mesmo campo no ChatGuru (${p.apiName})`,
  "mapping.writeBackInput": (p) =>
    `write_back.${p.slot} "${p.column}" também é uma coluna de entrada do mapeamento; os resultados apagariam os dados de onde vieram`,
  "mapping.writeBackSame": (p) => `write_back.${p.slot} e write_back.${p.owner} gravam os dois na coluna "${p.column}"`,
};
