import type { Translation } from "../catalog.js";
import type { chatguruEn } from "../en/chatguru.js";

export const chatguruPt: Translation<typeof chatguruEn> = {
  "chatguru.answered": (p) => `o ChatGuru respondeu ${p.status} "${p.description}" ao ${p.action}`,
  "chatguru.redirect": (p) =>
    `o ChatGuru respondeu ${p.status} ao ${p.action}: ${p.location ? `a API mudou para ${p.location}` : "um redirecionamento sem cabeçalho Location (a URL da API está desatualizada)"}; redirecionamentos não são seguidos`,
  "chatguru.auth": (p) => `o ChatGuru recusou as credenciais no ${p.action}: ${p.status} "${p.description}"`,
  "chatguru.throttled": (p) =>
    `o ChatGuru respondeu ${p.status} "${p.description}" ao ${p.action} (limite de requisições) (${p.retryAfterMs === undefined ? "sem Retry-After" : `Retry-After ${p.retryAfterMs} ms`})`,
  "chatguru.rateLimited": (p) =>
    `o ChatGuru respondeu 429 (requisições demais) ao ${p.action} (${p.retryAfterMs === undefined ? "sem Retry-After" : `Retry-After ${p.retryAfterMs} ms`})`,
  "chatguru.network": (p) =>
    `o ${p.action} ao ChatGuru falhou em ${p.endpoint}: ${p.what ?? "erro de conexão"} (${p.reached ? "a requisição pode ter chegado ao ChatGuru" : "a requisição não chegou ao ChatGuru; confira CHATGURU_API_URL e a rede"}).`,
  "chatguru.timeout": (p) =>
    `o ChatGuru não respondeu ao ${p.action} em ${p.timeoutMs} ms em ${p.endpoint} (a requisição pode ter sido aplicada).`,
  "chatguru.badResponse": (p) =>
    `o ChatGuru respondeu ${p.status} ao ${p.action} com ${p.reason}` +
    `${p.contentType ? ` (${p.contentType})` : ""}: ${p.excerpt ? `"${p.excerpt}"` : "<corpo vazio>"}`,
  "chatguru.badResponse.notJson": "um corpo que não é o JSON do ChatGuru",
  "chatguru.badResponse.noResult": 'um JSON sem result "success" ou "error"',
  "chatguru.badResponse.badField": (p) => `um sucesso sem um "${p.field}" que sirva (esperado: ${p.expected})`,
  "chatguru.badResponse.nonEmptyString": "um texto não vazio",
  "chatguru.aborted": (p) => `o ${p.action} ao ChatGuru foi interrompido antes de a resposta chegar.`,
  "chatguru.param.reserved": (p) =>
    `O parâmetro "${p.name}" vem dos dados de conexão e não pode ser passado para ${p.action}.`,
  "chatguru.param.fileUrlNotUrl": (p) => `file_url não é uma URL: "${p.url}".`,
  "chatguru.param.fileUrlProtocol": (p) => `file_url precisa ser http(s), veio "${p.protocol}".`,
  "chatguru.param.fileUrlExtension": (p) =>
    `file_url precisa terminar com a extensão do arquivo (por exemplo …/catalogo.pdf); o ChatGuru não consegue enviar "${p.url}".`,
  "chatguru.param.sameField": (p) =>
    `"${p.first}" e "${p.second}" viram o mesmo ${p.apiName}; o ChatGuru ficaria com só um deles.`,
  "chatguru.param.noFields": (p) => `${p.action} precisa de pelo menos um valor para preencher.`,
  "chatguru.param.sendDateInvalid": "send_date é uma data inválida.",
  "chatguru.param.sendDateFormat": (p) =>
    `send_date precisa estar no formato "AAAA-MM-DD HH:MM", no horário de Brasília (por exemplo "2026-03-01 09:30"), veio "${p.value}".`,
};
