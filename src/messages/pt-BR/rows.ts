import type { Translation } from "../catalog.js";
import type { rowsEn } from "../en/rows.js";

const delimiterName = (delimiter: string) => (delimiter === "\t" ? "tabulação" : delimiter);

export const rowsPt: Translation<typeof rowsEn> = {
  "row.phoneInvalid": (p) => `"${p.raw}" não é um número de telefone válido (${p.reason})`,
  "row.phone.empty": "vazio",
  "row.phone.noDigits": "sem dígitos",
  "row.phone.tooShort": "curto demais",
  "row.phone.tooLong": "longo demais",
  "row.phone.unknownArea": (p) => `DDD ${p.area} não existe no Brasil`,
  "row.phone.nineDigits": "um número de 9 dígitos precisa começar com 9",
  "row.phone.notValid": "não é um número válido",
  "row.phone.letters": "tem letras",
  "row.phone.scientific":
    "o Excel gravou o número em notação científica e os últimos dígitos se perderam ao salvar: no Excel, formate a " +
    "coluna de telefone para mostrar todos os dígitos (Formatar Células › Número com 0 casas decimais, ou Texto) e " +
    "salve o CSV de novo, ou use o próprio .xlsx como origem",
  "row.phoneEmpty": "o telefone está vazio",
  "row.keyEmpty": (p) => `a coluna de chave "${p.column}" está vazia`,
  "row.valueInvalid": (p) => `${p.message} (${p.label})`,
  "row.label.customField": (p) => `campo personalizado "${p.field}"`,
  "row.label.context": (p) => `variável de contexto "${p.field}"`,
  "row.dateNoMatch": (p) => `"${p.value}" não segue o formato de data ${p.pattern}`,
  "row.dateNotReal": (p) => `"${p.value}" não é uma data/hora que exista no formato ${p.pattern}`,
  "row.sendDateInvalid": (p) =>
    `"${p.value}" não é uma data: escreva DD/MM/AAAA HH:MM (horário de Brasília), por exemplo 05/12/2026 14:30`,
  "row.sendDatePast": (p) =>
    `a data de envio ${p.wire} (horário de Brasília) já passou; o ChatGuru só agenda mensagens para o futuro — mude a data, ou apague para enviar agora`,
  "row.fileUrlNotLink": (p) => `"${p.url}" não é um link: o arquivo precisa ser uma URL http(s)`,
  "row.fileUrlNotHttp": (p) => `"${p.url}" não é um link http(s): o ChatGuru baixa o arquivo da internet`,
  "row.fileUrlNoExtension": (p) =>
    `"${p.url}" não termina com a extensão do arquivo (por exemplo .pdf): o ChatGuru precisa dela para saber o tipo do arquivo`,
  "row.duplicate": (p) =>
    `repete a linha ${p.first}: ${p.phoneKey ? `o telefone ${p.key}` : `a chave "${p.key}"`} aparece de novo (vale a primeira linha)`,
  "row.quoteSpansLines": (p) =>
    `um valor entre aspas começa nesta linha (coluna ${p.column}) e se estende por ${p.lines} linhas que parecem ` +
    `linhas da planilha (elas têm "${delimiterName(p.delimiter)}"): uma aspa faltando ou sobrando provavelmente juntou ` +
    `essas linhas nesta. Corrija as aspas no arquivo (o valor começa com "${p.start}")`,
  "row.tooManyColumns": (p) =>
    `a linha tem ${p.cells} células, mas o cabeçalho tem ${p.width} colunas (valor a mais "${p.extra}" na coluna ${p.column}); procure um "${delimiterName(p.delimiter)}" sem aspas dentro de algum valor`,
};
