import type { Translation } from "../catalog.js";
import type { outputEn } from "../en/output.js";
import { num } from "../format-pt.js";

export const outputPt: Translation<typeof outputEn> = {
  "results.writeFailed": (p) => `Não foi possível gravar o arquivo de resultados ${p.path}: ${p.message}`,
  "results.again":
    "rode de novo — as linhas já sincronizadas não são enviadas outra vez (o registro de envios lembra delas).",
  "results.openInExcel": (p) =>
    `Não foi possível substituir "${p.name}" (${p.code}): ele está aberto no Excel? Feche e ${p.again}`,
  "results.folderInTheWay": (p) =>
    `Não foi possível substituir "${p.name}" (${p.code}): agora há uma pasta com esse nome em ${p.dir}. Mova ou renomeie a pasta e ${p.again}`,
  "results.replaceFailed": (p) =>
    `Não foi possível substituir "${p.name}" em ${p.dir} (${p.code ?? "erro"}: ${p.reason}). Corrija isso e ${p.again}`,
  "results.priorUnreadable": (p) =>
    `não foi possível ler os resultados anteriores ${p.path} (${p.message}): as linhas que o registro de envios não ` +
    `conhece são avaliadas sem eles`,
  "results.isSource": (p) =>
    `--results ${p.path} é o próprio arquivo de origem; gravar os resultados ali apagaria os seus dados. Passe outro --results, ou tire a opção para gravar <origem>.results.csv ao lado da origem.`,
  "results.notAFile": (p) =>
    `--results ${p.path} é ${p.what}, não um arquivo comum; os resultados substituem o arquivo indicado. Passe um nome de arquivo como leads.results.csv.`,
  "results.nameTooLong": (p) =>
    `--results ${p.path}: o nome do arquivo é longo demais para o sistema de arquivos. Passe um nome mais curto.`,
  "results.dirUnwritable": (p) =>
    `Não é possível gravar o arquivo de resultados ${p.path}: a pasta não existe ou não pode ser gravada. Crie a pasta ou passe outro --results.`,
  "writeBack.sheetRowTaken": (p) =>
    `${p.what}: a linha ${p.row} da planilha já recebeu o resultado da linha de origem ${p.holder}; não gravado.`,
  "writeBack.row": (p) => `Linha ${p.row}`,
  "writeBack.rowKey": (p) => `Linha ${p.row} (chave ${p.key})`,
  "writeBack.lostKeyless": (p) =>
    `Linha ${p.row}: não foi encontrada de novo (a célula ${p.column} está vazia ou inválida e a linha foi editada ou apagada durante a sincronização); resultado não gravado.`,
  "writeBack.keyGone": (p) =>
    `${p.what}: a chave não está mais na coluna "${p.column}" (linha apagada ou editada durante a sincronização); resultado não gravado.`,
  "writeBack.duplicateGone": (p) => `${p.what}: a linha duplicada não está mais na planilha; resultado não gravado.`,
  "writeBack.keyRepeats": (p) =>
    `${p.what}: a chave aparece ${p.count} vezes (linhas ${p.rows.join(", ")}); o resultado foi para a linha ${p.rows[0]}.`,
  "writeBack.more": (p) =>
    `…e mais ${num(p.n)} ${p.n === 1 ? "linha que não pôde ser gravada" : "linhas que não puderam ser gravadas"} na planilha.`,
  "writeBack.keyColumnGone": (p) =>
    `A coluna de chave "${p.column}" não está mais no cabeçalho da aba "${p.tab}" (foi renomeada ou apagada durante a sincronização?); os resultados não foram gravados.`,
  "writeBack.overwritesKey": (p) =>
    `write_back gravaria por cima da coluna de chave "${p.column}" da aba "${p.tab}"; escolha outro nome de coluna em write_back.`,
  "writeBack.keyNotInHeader": (p) => `A coluna de chave "${p.column}" não está no cabeçalho da aba "${p.tab}".`,
};
