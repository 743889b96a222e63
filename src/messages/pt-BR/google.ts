import type { Translation } from "../catalog.js";
import type { googleEn } from "../en/google.js";

export const googlePt: Translation<typeof googleEn> = {
  "google.noCredentials": (p) =>
    "Nenhuma credencial do Google encontrada para ler a planilha. Use uma destas:\n" +
    "  1. GOOGLE_ACCESS_TOKEN=<token de acesso OAuth> (por exemplo, de `gcloud auth print-access-token`; vale por cerca de 1 h);\n" +
    "  2. GOOGLE_APPLICATION_CREDENTIALS=<caminho da chave JSON de uma conta de serviço>, e compartilhe a planilha " +
    "(Editor) com o client_email da chave;\n" +
    "  3. Application Default Credentials: `gcloud auth application-default login " +
    `--scopes=openid,https://www.googleapis.com/auth/userinfo.email,${p.scope}\`, ou rode no Google Cloud.`,
  "google.keyFileMissing": (p) => `GOOGLE_APPLICATION_CREDENTIALS aponta para ${p.path}, que não existe.`,
  "google.keyFileUnreadable": (p) =>
    `Não foi possível ler o arquivo de chave GOOGLE_APPLICATION_CREDENTIALS=${p.path} (${p.code ?? "erro"}).`,
  "google.notJsonKey": (p) => `GOOGLE_APPLICATION_CREDENTIALS=${p.path} não é um arquivo de chave JSON.`,
  "google.keyMissingField": (p) =>
    `A chave da conta de serviço ${p.path} não tem ${p.field}: ` +
    "baixe uma chave JSON nova no console do Google Cloud (IAM → Contas de serviço → Chaves).",
  "google.tokenUriInvalid": (p) => `A chave da conta de serviço ${p.path} tem um token_uri que não é uma URL.`,
  "google.cannotUse": (p) => `Não foi possível usar as credenciais do Google de ${p.origin}: ${p.message}`,
  "google.rejected": (p) =>
    "O Google recusou as credenciais: renove GOOGLE_ACCESS_TOKEN ou confira GOOGLE_APPLICATION_CREDENTIALS " +
    `(usado: ${p.origin}; o Google disse: ${p.message}).`,
  "google.apiDisabled": (p) =>
    `A API do Google Sheets não está ativada no projeto do Google Cloud das suas credenciais: ative ` +
    `(APIs e serviços → Biblioteca → Google Sheets API) e tente de novo. O Google disse: ${p.message}`,
  "google.notSharedWith": (p) =>
    `O Google Sheets negou acesso à planilha ${p.id}: ela não está compartilhada com ${p.who}: compartilhe (Editor) com esse endereço.`,
  "google.notShared": (p) =>
    `O Google Sheets negou acesso à planilha ${p.id}: ela não está compartilhada com a conta das suas credenciais ` +
    `(${p.origin}): compartilhe (Editor) com essa conta.`,
  "google.notFound": (p) => `Google Sheets: a planilha ${p.id} não foi encontrada — confira a URL.`,
  "google.requestRejected": (p) =>
    `O Google Sheets recusou ${p.method} na planilha ${p.id} com HTTP ${p.status}: ${p.message}`,
  "google.keptFailing": (p) =>
    `O Google Sheets continuou falhando em ${p.method}${p.id ? ` na planilha ${p.id}` : ""} ` +
    `(${p.reason}) depois de ${p.attempts} tentativas; tente de novo em alguns minutos.`,
  "google.networkError": (p) => `erro de rede ${p.what}`,
  "google.badAddress": (p) =>
    `"${p.spec}" não é um endereço do Google Sheets que eu consiga ler. Use a URL do navegador ` +
    `(https://docs.google.com/spreadsheets/d/<id>/edit#gid=<aba>) ou sheets:<id> com --sheet "Nome da aba".`,
  "google.badGid": (p) => `"${p.spec}" tem gid=${p.gid}, que não é um id de aba (um número inteiro).`,
};
