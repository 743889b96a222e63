import type { Translation } from "../catalog.js";
import type { NotTextKind, OtherSpreadsheetKind, sourceEn } from "../en/source.js";

const SAVE_AS_CSV = 'salve pelo programa de planilhas como "CSV UTF-8" (ou "CSV") e passe esse arquivo';
const XLSX_IS_READ = "o .xlsx é lido direto e mantém inteiros os números longos, como telefones";
const SAVE_AS =
  'Abra no Excel, use Arquivo › Salvar como › "Pasta de Trabalho do Excel (.xlsx)" (ou "CSV UTF-8") e use esse arquivo.';

const NOT_TEXT: Record<NotTextKind, { looksLike: string; todo: (order: string) => string }> = {
  xlsxRenamed: {
    looksLike: "uma pasta de trabalho do Excel (.xlsx) com outra extensão",
    todo: () =>
      "passe o arquivo com a extensão .xlsx de verdade (pastas de trabalho são lidas direto), ou " + SAVE_AS_CSV,
  },
  zip: { looksLike: "um arquivo zip", todo: () => "descompacte e passe o arquivo CSV que está dentro" },
  pdf: { looksLike: "um documento PDF", todo: () => "exporte os dados da planilha original como CSV" },
  html: {
    looksLike: "uma página da web (HTML), como alguns sistemas exportam com nome .xls ou .csv",
    todo: () => "abra no Excel e " + SAVE_AS_CSV,
  },
  binary: {
    looksLike: "dados binários, não texto",
    todo: (order) => `${SAVE_AS_CSV} (se for texto UTF-16 sem marca de ordem de bytes, passe --encoding ${order})`,
  },
};

const OTHER: Record<OtherSpreadsheetKind, { is: string; todo: string }> = {
  xls: {
    is: "uma pasta de trabalho antiga do Excel 97-2003 (.xls)",
    todo: `abra no Excel e use Arquivo › Salvar como › "Pasta de Trabalho do Excel (.xlsx)" (${XLSX_IS_READ}) ou "CSV UTF-8", e passe o arquivo novo`,
  },
  ods: {
    is: "uma planilha OpenDocument (LibreOffice .ods)",
    todo: `abra no LibreOffice e use Arquivo › Salvar como › "Excel 2007-365 (.xlsx)" (${XLSX_IS_READ}), e passe o arquivo novo`,
  },
  numbers: {
    is: "uma planilha do Apple Numbers (.numbers)",
    todo: `abra no Numbers e use Arquivo › Exportar para › Excel (${XLSX_IS_READ}), e passe o .xlsx que ele gravar`,
  },
};

export const sourcePt: Translation<typeof sourceEn> = {
  "source.stdin": "entrada padrão",
  "source.kind.csv": "um arquivo CSV",
  "source.kind.xlsx": "uma pasta de trabalho do Excel",
  "source.isDirectory": (p) => `A origem ${p.label} é uma pasta, não ${p.kind}.`,
  "source.notFound": (p) =>
    `Arquivo de origem não encontrado: ${p.label}${p.absolute !== undefined ? ` (procurado em ${p.absolute})` : ""}. Confira o nome e a pasta.`,
  "source.unreadable": (p) => `Não foi possível ler ${p.label}: ${p.message}`,
  "source.empty": (p) => `${p.label} está vazio: esperava uma linha de cabeçalho e linhas de dados.`,
  "source.tooFewRows": (p) =>
    `${p.label} tem ${p.rows === 1 ? "1 linha" : `${p.rows} linhas`}, então não há cabeçalho na linha ${p.headerRow} (--header-row ${p.headerRow}).`,
  "source.titleRow": (p) =>
    `${p.label}: a linha ${p.row} parece um título ("${p.title}"), não nomes de colunas — a linha ${p.tableRow} tem ${p.columns} ` +
    `colunas preenchidas. Se os nomes das colunas estão na linha ${p.tableRow}, passe --header-row ${p.tableRow} ` +
    `(as linhas acima são ignoradas); se a linha ${p.row} é mesmo o cabeçalho, passe --header-row ${p.row}.`,
  "source.noHeader": (p) => `${p.label} não tem cabeçalho: a linha ${p.row} precisa ter os nomes das colunas.`,
  "source.column": (p) => `coluna ${p.n} (${p.letter})`,
  "source.headerElsewhere":
    " Se os nomes das colunas estão em outra linha (a linha 1 num arquivo de resultados ou de erros gravado por esta ferramenta), passe essa linha com --header-row, ou tire --header-row para usar a linha 1.",
  "source.headerNoName": (p) =>
    `${p.label}: a ${p.column} do cabeçalho está sem nome (célula ${p.cell}). Dê nome a todas as colunas na linha ${p.row}, ou apague a coluna vazia.${p.elsewhere}`,
  "source.headerTwice": (p) =>
    `${p.label}: o nome de coluna "${p.name}" aparece duas vezes, na ${p.first} e na ${p.second} (células ${p.firstCell} e ${p.secondCell}). Renomeie uma delas.${p.elsewhere}`,
  "source.headerRowInvalid": (p) =>
    `Linha de cabeçalho inválida ${p.value}: use o número da linha da planilha que tem os nomes das colunas (1, 2, 3…).`,
  "source.delimiterInvalid": (p) => `Separador inválido ${p.value}: use um caractere, como ";" ou ",", ou "tab".`,
  "source.encodingUnknown": (p) =>
    `Codificação desconhecida "${p.name}". Use utf-8, windows-1252 (Excel), utf-16 ("Texto Unicode" do Excel), latin1, ou outro nome que o iconv-lite conheça.`,
  "source.csvSyntax": (p) => `${p.label}: erro de sintaxe no CSV perto da linha ${p.line}: ${p.what}`,
  "source.csvUnclosed": (p) =>
    `um valor entre aspas${p.row !== undefined ? ` que começa na linha ${p.row}` : ""} nunca é fechado (falta uma " ?)`,
  "source.csvTooLong": (p) =>
    `a linha${p.row !== undefined ? ` que começa na linha ${p.row}` : ""} tem mais de ${p.mb} MB (${p.max} caracteres), o máximo que esta ferramenta lê como ` +
    `uma linha; o próprio Excel guarda no máximo 32.767 caracteres numa célula. Uma aspa que nunca fecha (falta uma " ?) ` +
    `ou um arquivo que não é CSV causa isso; se uma célula tem mesmo tanto texto, encurte ou esvazie (ou apague a coluna) ` +
    `e rode de novo`,
  "source.notText": (p) =>
    `${p.label} não é um arquivo de texto CSV: parece ${p.looksLike}. Para sincronizar, ${p.todo}.`,
  "source.notText.looksLike": (p) => NOT_TEXT[p.kind].looksLike,
  "source.notText.todo": (p) => NOT_TEXT[p.kind].todo(p.order ?? "utf-16le"),
  "source.otherSpreadsheet": (p) =>
    `${p.label} é ${p.is}, um formato que esta ferramenta não lê. Para sincronizar, ${p.todo}.`,
  "source.other.is": (p) => OTHER[p.kind].is,
  "source.other.todo": (p) => OTHER[p.kind].todo,
  "xlsx.empty": (p) => `${p.label} está vazio (0 bytes): esperava uma pasta de trabalho do Excel.`,
  "xlsx.ods": (p) =>
    `${p.label} é uma planilha OpenDocument (LibreOffice .ods), não uma pasta de trabalho do Excel. Abra no LibreOffice ou no Excel e salve como "Excel 2007-365 (.xlsx)" ou CSV.`,
  "xlsx.emptyZip": (p) => `${p.label} é um arquivo zip vazio, não uma pasta de trabalho do Excel.`,
  "xlsx.encrypted": (p) =>
    `${p.label} está protegido por senha, então não pode ser lido. Abra no Excel, tire a senha (Arquivo › Informações › Proteger Pasta de Trabalho › Criptografar com Senha, apague a senha), salve e tente de novo — ou salve uma cópia como CSV.`,
  "xlsx.xls": (p) => `${p.label} é uma pasta de trabalho antiga do Excel 97-2003 (.xls), que não é aceita. ${SAVE_AS}`,
  "xlsx.pdf": (p) => `${p.label} é um PDF, não uma pasta de trabalho do Excel. Exporte os dados como .xlsx ou CSV.`,
  "xlsx.html": (p) =>
    `${p.label} é um arquivo HTML/XML com nome de planilha (muitos sistemas "exportam para Excel" assim), não uma pasta de trabalho de verdade. ${SAVE_AS}`,
  "xlsx.text": (p) =>
    `${p.label} é um arquivo de texto (um CSV?), não uma pasta de trabalho do Excel. Se for um CSV, renomeie para .csv e rode de novo.`,
  "xlsx.notXlsx": (p) => `${p.label} não é uma pasta de trabalho do Excel (.xlsx). ${SAVE_AS}`,
  "xlsx.uncalculated": (p) =>
    `${p.label}: a coluna "${p.column}" tem fórmulas sem resultado salvo, então essas células são lidas como vazias. ` +
    "O arquivo foi gravado por um programa que não calcula fórmulas (openpyxl, pandas…): abra no Excel ou no " +
    "LibreOffice, salve (isso guarda os resultados) e rode de novo.",
  "xlsx.cellTooLong": (p) =>
    `${p.label}: ${p.row !== undefined ? `a linha ${p.row} tem uma célula` : "uma célula tem um texto"} com mais de ${p.mb} MB (${p.max} caracteres), o máximo que esta ferramenta lê numa célula; ` +
    `o próprio Excel guarda no máximo 32.767 caracteres numa célula. Abra a pasta de trabalho, encurte ou esvazie essa ` +
    `célula (ou apague a coluna), salve e rode de novo.`,
  "xlsx.worksheet": (p) => `${p.label} (planilha "${p.name}")`,
  "xlsx.headerRowEmpty": (p) =>
    `${p.where}: a linha ${p.row} (a do cabeçalho) está vazia. Confira --header-row: precisa ser a linha que dá nome às colunas.`,
  "xlsx.unreadable": (p) =>
    `${p.label} não pôde ser lido como pasta de trabalho do Excel (${p.message}). O arquivo pode estar danificado ou incompleto: abra no Excel, salve de novo e tente outra vez.`,
  "xlsx.sheetNotFound": (p) =>
    `${p.label} não tem planilha chamada "${p.wanted}". As planilhas são: ${p.names.map((n) => `"${n}"`).join(", ")}. Passe uma delas com --sheet.`,
  "xlsx.zipNotWorkbook": (p) =>
    `${p.label} é um arquivo zip, mas não uma pasta de trabalho do Excel (não há pasta de trabalho dentro). É um .docx ou .zip renomeado? Abra os dados no Excel e salve como .xlsx.`,
  "xlsx.sheetUnreadable": (p) =>
    `${p.label} cita a planilha "${p.target}", mas nenhuma linha dela pôde ser lida: ela está vazia, ou a estrutura da pasta de trabalho não pôde ser lida (provavelmente foi salva por outro programa que não o Excel). Confira no Excel, salve de novo (Arquivo › Salvar) e tente outra vez.`,
  "xlsx.noRows": (p) => `${p.label} não tem planilha com linhas: esperava uma linha de cabeçalho e linhas de dados.`,
  "sheets.label.tabHeader": (p) => `Aba "${p.tab}"`,
  "sheets.noTab": (p) => `A planilha ${p.id} não tem aba "${p.wanted}". As abas são: ${p.names}.`,
  "sheets.noGid": (p) => `A planilha ${p.id} não tem aba com gid=${p.gid} (foi apagada?). As abas são: ${p.names}.`,
  "sheets.noTabs": (p) => `A planilha ${p.id} não tem abas para ler.`,
};
