import type { Translation } from "../catalog.js";
import type { uiServerEn } from "../en/ui-server.js";
import { list } from "../format-pt.js";

/** Onde um admin do ChatGuru encontra os quatro dados de conexão. */
const PAGINA_CELULARES = "na página Celulares do ChatGuru";

/** O que o servidor do app web diz às pessoas, e `ui.fix.*`: como corrigir, em palavras simples. */
export const uiServerPt: Translation<typeof uiServerEn> = {
  "ui.server.unauthorized": "Sessão não reconhecida: abra o endereço mostrado no terminal (ele termina em ?t=…).",
  "ui.server.unauthorizedTitle": "Abra o endereço do terminal",
  "ui.server.unauthorizedBody":
    "Por segurança, esta página só abre pelo endereço completo que o chatguru-sync mostrou no terminal " +
    "(http://127.0.0.1:…/?t=…). Copie esse endereço e cole na barra do navegador.",
  "ui.server.wrongHost": "Endereço não reconhecido: use o endereço http://127.0.0.1 mostrado no terminal.",
  "ui.server.foreignOrigin": "Pedido recusado: ele veio de outra página, não do chatguru-sync.",
  "ui.server.notFound": "Não encontrado.",
  "ui.server.methodNotAllowed": "Este endereço não aceita esse tipo de pedido.",
  "ui.server.internal":
    "Erro interno do chatguru-sync. Tente de novo; se repetir, avise o suporte com o detalhe abaixo.",
  "ui.server.pagesNotBuiltTitle": "Páginas não compiladas",
  "ui.server.pagesNotBuiltBody":
    "O servidor está no ar, mas as páginas não foram compiladas. Rode npm run build na pasta do chatguru-sync.",
  "ui.server.bodyTooLarge": (p) => `O pedido passa do limite de ${p.limit}.`,
  "ui.server.uploadTooLarge": (p) =>
    `O arquivo passa do limite de ${p.limit}. Divida a planilha em partes menores ou use um link do Google Sheets.`,
  "ui.server.uploadEmpty": "O arquivo chegou vazio. Escolha o arquivo de novo.",
  "ui.server.uploadName": "Diga o nome do arquivo (?name=contatos.csv).",
  "ui.server.uploadKind": (p) =>
    `"${p.name}" não é uma planilha que o chatguru-sync lê: use CSV (.csv, .txt, .tsv) ou Excel (.xlsx).`,
  "ui.server.uploadAborted": "O envio do arquivo foi interrompido antes do fim. Tente de novo.",
  "ui.server.invalidJson": "O corpo do pedido não é um JSON válido.",
  "ui.server.badField": (p) => `O campo "${p.field}" deve ser ${p.expected}.`,
  "ui.server.expected.text": "um texto",
  "ui.server.expected.boolean": "true ou false",
  "ui.server.expected.integerFrom": (p) => `um número inteiro a partir de ${p.min}`,
  "ui.server.expected.sourceId": "o id de um arquivo",
  "ui.server.expected.object": "um objeto",
  "ui.server.expected.textList": "uma lista de textos",
  "ui.server.connection.urlInvalid":
    "O endereço da API deve ser uma URL http(s) completa, por exemplo https://s15.chatguru.app/api/v1.",
  "ui.server.connection.missing": (p) => `Falta preencher: ${list(p.names)}.`,
  "ui.server.connection.oneLine":
    "Cada campo da conexão é uma linha só: apague a quebra de linha que veio junto ao colar.",
  "ui.server.connection.envWins": (p) =>
    `${p.variable} está definida nas variáveis de ambiente do sistema e vale mais que o .env: o valor salvo aqui não é usado enquanto ela existir.`,
  "ui.server.connection.ok": "Conexão aceita pelo ChatGuru.",
  "ui.server.connection.key": `O ChatGuru recusou a chave da API (key). Copie de novo a chave ${PAGINA_CELULARES}.`,
  "ui.server.connection.account": `O ChatGuru recusou o ID da conta (account_id). Confira ${PAGINA_CELULARES}.`,
  "ui.server.connection.phone": `O ChatGuru recusou o ID do celular (phone_id). Confira ${PAGINA_CELULARES}.`,
  "ui.server.connection.url":
    "Esse endereço não respondeu como a API do ChatGuru. Confira a URL da API (ela termina em /api/v1), " +
    "por exemplo https://s15.chatguru.app/api/v1.",
  "ui.server.connection.network": "O ChatGuru não respondeu a tempo. Confira a internet e tente de novo.",
  "ui.server.connection.label.apiUrl": "URL da API",
  "ui.server.connection.label.key": "chave da API",
  "ui.server.connection.label.accountId": "ID da conta",
  "ui.server.connection.label.phoneId": "ID do celular",
  "ui.server.source.notFound": "Arquivo não encontrado: envie o arquivo de novo.",
  "ui.server.source.sheetsLink":
    "Cole o link de uma planilha do Google Sheets (https://docs.google.com/spreadsheets/d/…).",
  "ui.server.source.unreadable": "Não foi possível ler o arquivo assim. Veja o detalhe e ajuste como ele é lido.",
  "ui.server.source.headerRow": "A linha do cabeçalho deve ser um número inteiro a partir de 1.",
  "ui.server.source.titleRow": (p) =>
    `A linha ${p.row} parece um título ("${p.title}"), não os nomes das colunas; a linha ${p.tableRow} tem ` +
    `${p.columns} colunas preenchidas. Se os nomes das colunas estão na linha ${p.tableRow}, deixe ${p.tableRow} ` +
    `em "Linha do cabeçalho" e clique em "Ler de novo com estas opções" (as linhas acima dela são ignoradas).`,
  "ui.server.mapping.invalid": "O mapeamento tem problemas; nada foi salvo. Corrija os itens abaixo.",
  "ui.server.mapping.missing": "Salve o mapeamento das colunas antes de continuar.",
  "ui.server.mapping.noPhoneColumn": (p) =>
    `Nenhuma coluna parece ter números de WhatsApp (colunas: ${p.columns.join(", ")}). Escolha a coluna do WhatsApp.`,
  "ui.server.mapping.template": "Escreva um texto para a prévia.",
  "ui.server.plan.heldWhy":
    "Contatos novos recebem a mensagem normalmente. Para quem já tem conversa no ChatGuru, ela pode ficar retida: " +
    "a planilha ou o arquivo de resultados mostra que um envio anterior pode já ter mandado esta mensagem, e o " +
    "histórico daquele envio não está mais aqui. As retidas aparecem no resultado, com o motivo, e podem ser liberadas depois.",
  "ui.server.run.consentRequired":
    "Este envio manda mensagens ou executa diálogos para os contatos: confirme a base legal (LGPD) antes de iniciar.",
  "ui.server.run.active": "Já há um envio em andamento com este mapeamento. Espere ele terminar ou pare-o.",
  "ui.server.run.notFound": "Envio não encontrado.",
  "ui.server.run.notContinuable": "Só um envio interrompido, parado ou que falhou pode ser continuado.",
  "ui.server.run.noFile": "Este envio não tem esse arquivo.",
  "ui.server.run.failedToStart": "O envio não começou.",
  "ui.server.run.stoppedByServer":
    "O servidor foi encerrado (Ctrl-C): o envio parou com segurança e pode ser continuado.",
  "ui.fix.ROW_PHONE_INVALID": "Corrija o número na planilha (DDD + número; o 55 do Brasil é opcional).",
  "ui.fix.ROW_VALUE_MISSING": "Preencha a célula ou dê um valor padrão a esse campo no mapeamento.",
  "ui.fix.ROW_VALUE_INVALID": "Corrija o valor da célula no formato pedido.",
  "ui.fix.ROW_DUPLICATE_KEY":
    "A mesma pessoa aparece em mais de uma linha: só a primeira é enviada. Apague as repetidas.",
  "ui.fix.ROW_TOO_MANY_COLUMNS": "A linha tem mais células que o cabeçalho: confira o separador ou aspas nessa linha.",
  "ui.fix.ROW_QUOTE_SPANS_LINES": "Uma aspa aberta junta várias linhas: feche a aspa na célula indicada.",
  "ui.fix.ROW_SEND_DATE_INVALID": "Use a data como DD/MM/AAAA HH:MM.",
  "ui.fix.ROW_SEND_DATE_PAST": "A data de envio já passou: mude a data ou apague-a para enviar agora.",
  "ui.fix.ROW_FILE_URL_INVALID": "Use um link https que termine na extensão do arquivo (.pdf, .jpg…).",
  "ui.fix.CHATGURU_AUTH": "Confira a chave, o ID da conta e o ID do celular na página Conexão.",
  "ui.fix.CHATGURU_FIELD_NOT_CONFIGURED":
    "Crie o campo personalizado no ChatGuru (Configurações → Campos Personalizados) com esse nome exato, ou tire-o do mapeamento.",
  "ui.fix.CHATGURU_DIALOG_UNKNOWN":
    "Copie o ID do diálogo no ChatGuru (Chatbot → Diálogos) ou tire o diálogo do mapeamento.",
  "ui.fix.CHATGURU_USER_UNKNOWN": "Copie o ID do usuário no ChatGuru (Usuários) ou tire-o do mapeamento.",
  "ui.fix.CHATGURU_CHAT_NOT_FOUND": "Esse número não tem conversa: use o modo upsert (ou create) para criá-la.",
  "ui.fix.CONFIG_CONNECTION_MISSING": "Preencha a página Conexão.",
  "ui.fix.STATE_LOCKED": "Outro envio (aqui ou no terminal) usa o mesmo histórico. Espere ele terminar.",
  "ui.fix.ACCOUNT_LOCKED":
    "Outro envio para a mesma conta e celular do ChatGuru está em andamento nesta máquina. Espere ele terminar.",
  "ui.fix.STATE_LOST":
    "O histórico (journal) deste mapeamento foi apagado ou esvaziado. Para não repetir notas e mensagens, o envio " +
    "não começou: restaure o arquivo, ou comece um histórico novo pelo terminal com --new-journal.",
  "ui.fix.MAPPING_RULES": "Ajuste o mapeamento das colunas.",
  "ui.fix.MAPPING_INVALID": "Ajuste o mapeamento das colunas.",
  "ui.fix.MAPPING_UNKNOWN_COLUMN": "Escolha uma coluna que existe na planilha.",
  "ui.fix.INIT_NO_PHONE_COLUMN": "Escolha qual coluna tem o WhatsApp.",
};
