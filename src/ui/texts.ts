/**
 * Every sentence the web app's server says to a person, in Brazilian Portuguese: the people the app is for read
 * Portuguese, and keeping them in one module lets them move into the project's message catalog as they are.
 * Codes stay in English beside them (they are what support searches for).
 */

const MB = 1024 * 1024;

/** Where a ChatGuru admin finds the four settings: said once, used by every credentials message. */
const CREDENTIALS_PAGE = "na página Celulares do ChatGuru";

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`.replace(".", ",");
}

export const TEXTS = {
  unauthorized: "Sessão não reconhecida: abra o endereço mostrado no terminal (ele termina em ?t=…).",
  unauthorizedPage: {
    title: "Abra o endereço do terminal",
    body:
      "Por segurança, esta página só abre pelo endereço completo que o chatguru-sync mostrou no terminal " +
      "(http://127.0.0.1:…/?t=…). Copie esse endereço e cole na barra do navegador.",
  },
  wrongHost: "Endereço não reconhecido: use o endereço http://127.0.0.1 mostrado no terminal.",
  foreignOrigin: "Pedido recusado: ele veio de outra página, não do chatguru-sync.",
  notFound: "Não encontrado.",
  methodNotAllowed: "Este endereço não aceita esse tipo de pedido.",
  internal: "Erro interno do chatguru-sync. Tente de novo; se repetir, avise o suporte com o detalhe abaixo.",
  pagesNotBuilt: {
    title: "Páginas não compiladas",
    body: "O servidor está no ar, mas as páginas não foram compiladas. Rode npm run build na pasta do chatguru-sync.",
  },

  bodyTooLarge: (limit: number) => `O pedido passa do limite de ${megabytes(limit)}.`,
  uploadTooLarge: (limit: number) =>
    `O arquivo passa do limite de ${megabytes(limit)}. Divida a planilha em partes menores ou use um link do Google Sheets.`,
  uploadEmpty: "O arquivo chegou vazio. Escolha o arquivo de novo.",
  uploadName: "Diga o nome do arquivo (?name=contatos.csv).",
  uploadKind: (name: string) =>
    `"${name}" não é uma planilha que o chatguru-sync lê: use CSV (.csv, .txt, .tsv) ou Excel (.xlsx).`,
  uploadAborted: "O envio do arquivo foi interrompido antes do fim. Tente de novo.",
  invalidJson: "O corpo do pedido não é um JSON válido.",
  badField: (field: string, expected: string) => `O campo "${field}" deve ser ${expected}.`,

  connection: {
    urlInvalid: "O endereço da API deve ser uma URL http(s) completa, por exemplo https://s15.chatguru.app/api/v1.",
    missing: (names: string[]) => `Falta preencher: ${names.join(", ")}.`,
    oneLine: "Cada campo da conexão é uma linha só: apague a quebra de linha que veio junto ao colar.",
    envWins: (variable: string) =>
      `${variable} está definida nas variáveis de ambiente do sistema e vale mais que o .env: o valor salvo aqui não é usado enquanto ela existir.`,
    ok: "Conexão aceita pelo ChatGuru.",
    key: `O ChatGuru recusou a chave da API (key). Copie de novo a chave ${CREDENTIALS_PAGE}.`,
    account: `O ChatGuru recusou o ID da conta (account_id). Confira ${CREDENTIALS_PAGE}.`,
    phone: `O ChatGuru recusou o ID do celular (phone_id). Confira ${CREDENTIALS_PAGE}.`,
    url:
      "Esse endereço não respondeu como a API do ChatGuru. Confira a URL da API (ela termina em /api/v1), " +
      "por exemplo https://s15.chatguru.app/api/v1.",
    network: "O ChatGuru não respondeu a tempo. Confira a internet e tente de novo.",
    labels: { apiUrl: "URL da API", key: "chave da API", accountId: "ID da conta", phoneId: "ID do celular" },
  },

  source: {
    notFound: "Arquivo não encontrado: envie o arquivo de novo.",
    sheetsLink: "Cole o link de uma planilha do Google Sheets (https://docs.google.com/spreadsheets/d/…).",
    unreadable: "Não foi possível ler o arquivo assim. Veja o detalhe e ajuste como ele é lido.",
    headerRow: "A linha do cabeçalho deve ser um número inteiro a partir de 1.",
  },

  mapping: {
    invalid: "O mapeamento tem problemas; nada foi salvo. Corrija os itens abaixo.",
    missing: "Salve o mapeamento das colunas antes de continuar.",
    noPhoneColumn: (columns: string[]) =>
      `Nenhuma coluna parece ter números de WhatsApp (colunas: ${columns.join(", ")}). Escolha a coluna do WhatsApp.`,
    template: "Escreva um texto para a prévia.",
  },

  plan: {
    heldWhy:
      "Contatos novos recebem a mensagem normalmente. Para quem já tem conversa no ChatGuru, ela pode ficar retida: " +
      "a planilha ou o arquivo de resultados mostra que um envio anterior pode já ter mandado esta mensagem, e o " +
      "histórico daquele envio não está mais aqui. As retidas aparecem no resultado, com o motivo, e podem ser liberadas depois.",
  },

  run: {
    consentRequired:
      "Este envio manda mensagens ou executa diálogos para os contatos: confirme a base legal (LGPD) antes de iniciar.",
    active: "Já há um envio em andamento com este mapeamento. Espere ele terminar ou pare-o.",
    notFound: "Envio não encontrado.",
    notContinuable: "Só um envio interrompido, parado ou que falhou pode ser continuado.",
    noFile: "Este envio não tem esse arquivo.",
    failedToStart: "O envio não começou.",
    stoppedByServer: "O servidor foi encerrado (Ctrl-C): o envio parou com segurança e pode ser continuado.",
  },
} as const;

/** A fix in plain words for the row problems and run errors people meet most; the detail keeps the library's text. */
export const FIXES: Readonly<Record<string, string>> = {
  ROW_PHONE_INVALID: "Corrija o número na planilha (DDD + número; o 55 do Brasil é opcional).",
  ROW_VALUE_MISSING: "Preencha a célula ou dê um valor padrão a esse campo no mapeamento.",
  ROW_VALUE_INVALID: "Corrija o valor da célula no formato pedido.",
  ROW_DUPLICATE_KEY: "A mesma pessoa aparece em mais de uma linha: só a primeira é enviada. Apague as repetidas.",
  ROW_TOO_MANY_COLUMNS: "A linha tem mais células que o cabeçalho: confira o separador ou aspas nessa linha.",
  ROW_QUOTE_SPANS_LINES: "Uma aspa aberta junta várias linhas: feche a aspa na célula indicada.",
  ROW_SEND_DATE_INVALID: "Use a data como DD/MM/AAAA HH:MM.",
  ROW_SEND_DATE_PAST: "A data de envio já passou: mude a data ou apague-a para enviar agora.",
  ROW_FILE_URL_INVALID: "Use um link https que termine na extensão do arquivo (.pdf, .jpg…).",
  CHATGURU_AUTH: "Confira a chave, o ID da conta e o ID do celular na página Conexão.",
  CHATGURU_FIELD_NOT_CONFIGURED:
    "Crie o campo personalizado no ChatGuru (Configurações → Campos Personalizados) com esse nome exato, ou tire-o do mapeamento.",
  CHATGURU_DIALOG_UNKNOWN: "Copie o ID do diálogo no ChatGuru (Chatbot → Diálogos) ou tire o diálogo do mapeamento.",
  CHATGURU_USER_UNKNOWN: "Copie o ID do usuário no ChatGuru (Usuários) ou tire-o do mapeamento.",
  CHATGURU_CHAT_NOT_FOUND: "Esse número não tem conversa: use o modo upsert (ou create) para criá-la.",
  CONFIG_CONNECTION_MISSING: "Preencha a página Conexão.",
  STATE_LOCKED: "Outro envio (aqui ou no terminal) usa o mesmo histórico. Espere ele terminar.",
  ACCOUNT_LOCKED:
    "Outro envio para a mesma conta e celular do ChatGuru está em andamento nesta máquina. Espere ele terminar.",
  STATE_LOST:
    "O histórico (journal) deste mapeamento foi apagado ou esvaziado. Para não repetir notas e mensagens, o envio " +
    "não começou: restaure o arquivo, ou comece um histórico novo pelo terminal com --new-journal.",
  MAPPING_RULES: "Ajuste o mapeamento das colunas.",
  MAPPING_INVALID: "Ajuste o mapeamento das colunas.",
  MAPPING_UNKNOWN_COLUMN: "Escolha uma coluna que existe na planilha.",
  INIT_NO_PHONE_COLUMN: "Escolha qual coluna tem o WhatsApp.",
};

/** The fix for a code, when there is one in plain words. */
export function fixFor(code: string): string | undefined {
  return FIXES[code];
}

/** `••••1a2b`: enough for a person to recognise their key, never enough to use it. */
export function keyHint(key: string | undefined): string | null {
  if (!key) return null;
  return `••••${key.length > 8 ? key.slice(-4) : ""}`;
}
